import type { Department, Task } from '@lianfang/shared';
import { useI18n } from 'vue-i18n';
import { formatClock } from '../../../app/time-format';
import { blowWhistle, cancelIncident, closeWithEvaluation, reportIn, setUnitStep, updateTask, type UnitStep } from '../../incidents/incident-loop.api';
import { useUnitsStore } from '../../units/units.store';
import { useIncidentDeskStore } from './incident-desk.store';

/**
 * The desk's closed-loop commands, each through the desk store's one-at-a-time runner so its
 * result is printed in the panel (and a second press while one is running does nothing).
 */
export function useDeskCommands() {
  const desk = useIncidentDeskStore();
  const units = useUnitsStore();
  const { t, locale } = useI18n();

  return {
    step: (unitId: string, step: UnitStep, at: string | null) =>
      desk.run(
        'step',
        (id) => setUnitStep(id, unitId, step, at ?? undefined),
        t('deskLoop.stepRecorded', {
          callsign: units.get(unitId)?.callsign ?? '?',
          step: t(`deskLoop.step.${step}`),
          at: formatClock(at ?? Date.now(), locale.value),
        }),
      ),
    cancel: (as: 'cancelled' | 'false_alarm', note: string) =>
      desk.run('cancel', (id) => cancelIncident(id, as, note), t(as === 'cancelled' ? 'deskLoop.cancelled' : 'deskLoop.falseAlarm')),
    evaluate: (rating: number, feedback: string) =>
      desk.run('close', (id) => closeWithEvaluation(id, rating, feedback || undefined), t('deskLoop.closed', { n: rating })),
    whistle: (departments: Department[], minutes: number) =>
      desk.run(
        'whistle',
        (id) => blowWhistle(id, departments, minutes),
        t('deskLoop.whistled', { departments: departments.map((d) => t(`department.${d}`)).join('、') }),
      ),
    reportIn: (department: Department) =>
      desk.run('report-in', (id) => reportIn(id, department), t('deskLoop.reportedIn', { department: t(`department.${department}`) })),
    setTask: (task: Task, state: Task['state']) =>
      desk.run('task', (id) => updateTask(id, task.index, state), t('deskLoop.taskUpdated', { title: task.title })),
  };
}
