import { LADDER_LEVELS, OUTCOMES, isOpenIncident } from '@lianfang/shared';
import { onBeforeUnmount, onMounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { useIncidentDeskStore } from './incident-desk.store';
import { commandForKey, type DeskStage, type WallCommand } from './wall-shortcuts';
import { useCallIntakeStore } from '../intake/call-intake.store';
import { useOpenIntake } from '../intake/use-open-intake';
import { usePlaceFocusStore } from '../../places/place-focus.store';
import { usePlanLaunchStore } from '../../emergency-plans/plan-launch.store';

/** Binds the wall's keyboard (see `commandForKey`) while the wall is mounted. */
export function useWallShortcuts(): void {
  const desk = useIncidentDeskStore();
  const { t } = useI18n();
  const intake = useCallIntakeStore();
  const openIntake = useOpenIntake();
  const placeFocus = usePlaceFocusStore();
  const planLaunch = usePlanLaunchStore();

  function stage(): DeskStage {
    const status = desk.incident?.status;
    if (!status || isOpenIncident(status)) return 'open';
    return status === 'resolved' ? 'resolved' : 'ended';
  }

  function run(cmd: WallCommand): void {
    switch (cmd.type) {
      case 'move':
        return desk.moveHighlight(cmd.delta);
      case 'open':
        if (desk.highlightId) desk.open(desk.highlightId);
        return;
      case 'close':
        return desk.close();
      case 'back':
        return desk.setMode('dispatch');
      case 'pick':
        return desk.pickByNumber(cmd.n);
      case 'dispatch':
        void desk.dispatchPicked(t('ops.dispatched'));
        return;
      case 'escalate':
        return desk.setMode('confirm-escalate');
      case 'confirm-escalate':
        void desk.escalate(t('ops.escalateReason'), t('ops.escalated'));
        return;
      case 'resolve':
        return desk.setMode('choose-outcome');
      case 'intake':
        return openIntake();
      case 'plan':
        return planLaunch.open();
      case 'search':
        return placeFocus.requestFocus();
      case 'outcome': {
        const outcome = OUTCOMES[cmd.n - 1];
        if (outcome) desk.chooseOutcome(outcome);
        return;
      }
      case 'level': {
        const level = cmd.n === 0 ? desk.incident?.level : LADDER_LEVELS[cmd.n - 1];
        if (level) void desk.resolve(level, t('ops.resolved'));
        return;
      }
      case 'cancel':
        return desk.setMode('cancel');
      case 'whistle':
        return desk.setMode('whistle');
      case 'evaluate':
        return desk.setMode('evaluate');
    }
  }

  function onKey(event: KeyboardEvent): void {
    // While a call is taken or a plan started, that form has the keyboard (its own keys: see intake-keys.ts).
    if (event.ctrlKey || event.metaKey || event.altKey || intake.isOpen || planLaunch.isOpen) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    // Enter or Space on a focused button (a filter chip reached by Tab) presses that button.
    if (target?.tagName === 'BUTTON' && (event.key === 'Enter' || event.key === ' ')) return;
    const cmd = commandForKey(event.key, { panelOpen: desk.openId !== null, mode: desk.mode, stage: stage() });
    if (!cmd) return;
    event.preventDefault();
    run(cmd);
  }

  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
