import { mount } from '@vue/test-utils';
import type { Grid } from '@lianfang/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useGeoStore } from '../../src/features/geo/geo.store';
import { useUnitsStore } from '../../src/features/units/units.store';
import DeskAssignments from '../../src/features/wall/desk/DeskAssignments.vue';
import DeskCallIns from '../../src/features/wall/desk/DeskCallIns.vue';
import DeskCancelForm from '../../src/features/wall/desk/DeskCancelForm.vue';
import DeskEvaluateForm from '../../src/features/wall/desk/DeskEvaluateForm.vue';
import DeskLadder from '../../src/features/wall/desk/DeskLadder.vue';
import DeskPlanTasks from '../../src/features/wall/desk/DeskPlanTasks.vue';
import { assignment, unit } from '../support/fixtures';
import { testPlugins } from '../support/test-app';

// The wall's clock: 08:10 local; the unit was dispatched at 08:06:30.
const local = (h: number, m: number, s = 0) => new Date(2025, 0, 1, h, m, s);
const iso = (d: Date) => d.toISOString();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(local(8, 10));
});
afterEach(() => vi.useRealTimers());

function grid(over: Partial<Grid>): Grid {
  return {
    id: 'g',
    name: 'G',
    level: 'grid',
    parentId: null,
    ring: [
      [0, 0],
      [0, 1],
      [1, 1],
    ],
    leader: null,
    contacts: [],
    ...over,
  };
}

describe('desk steps for a unit with only a radio', () => {
  function mountRows(live = true) {
    const { plugins } = testPlugins();
    useUnitsStore().replaceAll([unit({ id: 'u1', callsign: 'V-01' }), unit({ id: 'u2', callsign: 'V-02' }), unit({ id: 'u3', callsign: 'V-03' })]);
    return mount(DeskAssignments, {
      attachTo: document.body,
      global: { plugins },
      props: {
        live,
        busy: false,
        assignments: [
          assignment({ unitId: 'u1', status: 'dispatched', dispatchedAt: iso(local(8, 6, 30)) }),
          assignment({ unitId: 'u2', status: 'acknowledged', dispatchedAt: iso(local(8, 1)), acknowledgedAt: iso(local(8, 2)) }),
          assignment({ unitId: 'u3', status: 'on_scene', dispatchedAt: iso(local(8, 0)), acknowledgedAt: iso(local(8, 1)), onSceneAt: iso(local(8, 5)) }),
        ],
      },
    });
  }
  const stepsOf = (w: ReturnType<typeof mountRows>, unitId: string) =>
    w.findAll(`[data-unit-id=${unitId}] [data-testid^=step-]`).map((b) => b.attributes('data-testid'));

  it('offers only the next valid steps of each assignment', () => {
    const w = mountRows();
    expect(stepsOf(w, 'u1')).toEqual(['step-acknowledged', 'step-en_route', 'step-cleared']);
    expect(stepsOf(w, 'u2')).toEqual(['step-en_route', 'step-on_scene', 'step-cleared']);
    expect(stepsOf(w, 'u3')).toEqual(['step-cleared']);
    w.unmount();
  });

  it('offers no steps once the incident is no longer live', () => {
    const w = mountRows(false);
    expect(w.findAll('[data-testid^=step-]')).toHaveLength(0);
    w.unmount();
  });

  it('records "now" without a time, and a typed radio time as told', async () => {
    const w = mountRows();
    await w.get('[data-unit-id=u2] [data-testid=step-on_scene]').trigger('click');
    expect(w.get('[data-testid=step-time]').text()).toContain('V-02: On scene');
    await w.get('[data-testid=step-time]').trigger('submit');
    expect(w.emitted('step')).toEqual([['u2', 'on_scene', null]]);

    await w.get('[data-unit-id=u2] [data-testid=step-on_scene]').trigger('click');
    await w.get('[data-testid=at-clock]').setValue('08:07');
    expect(w.find('[data-testid=step-time-error]').exists()).toBe(false);
    await w.get('[data-testid=step-time]').trigger('submit');
    expect(w.emitted('step')![1]).toEqual(['u2', 'on_scene', iso(local(8, 7))]);
    w.unmount();
  });

  it('refuses a time in the future or before the dispatch, saying which', async () => {
    const w = mountRows();
    await w.get('[data-unit-id=u1] [data-testid=step-acknowledged]').trigger('click');
    await w.get('[data-testid=at-ago-5]').trigger('click');
    expect(w.get('[data-testid=step-time-error]').text()).toMatch(/cannot be before \d\d:06:30/);
    expect(w.get('[data-testid=record-step]').attributes('disabled')).toBeDefined();

    await w.get('[data-testid=at-clock]').setValue('08:30');
    expect(w.get('[data-testid=step-time-error]').text()).toContain('cannot be in the future');
    await w.get('[data-testid=step-time]').trigger('submit');
    expect(w.emitted('step')).toBeUndefined();

    // "2 min ago" is 08:08, after the dispatch: recorded with that time
    await w.get('[data-testid=at-clock]').setValue('');
    await w.get('[data-testid=at-ago-2]').trigger('click');
    await w.get('[data-testid=record-step]').trigger('click');
    expect(w.emitted('step')![0]).toEqual(['u1', 'acknowledged', iso(local(8, 8))]);
    w.unmount();
  });
});

describe('the ladder on the desk', () => {
  it('draws grid → community → street → departments with the current level, leaders and contacts', () => {
    const { plugins } = testPlugins();
    useGeoStore().replaceAll({
      grids: [
        grid({
          id: 'g1',
          name: 'West Lake Grid 3',
          level: 'grid',
          parentId: 'c1',
          leader: 'Li Ming',
          contacts: [{ name: 'Zhao', role: 'grid worker', phone: '138 0000 1111' }],
        }),
        grid({ id: 'c1', name: 'Beishan Community', level: 'community', parentId: 's1', leader: 'Wang Fang' }),
        grid({ id: 's1', name: 'Beishan Street', level: 'street', leader: 'Chen Jie' }),
      ],
      stations: [],
      teams: [],
    });
    const w = mount(DeskLadder, {
      global: { plugins },
      props: {
        level: 'street',
        gridId: 'g1',
        callIns: [
          {
            department: 'housing',
            summonedAt: iso(local(7, 50)),
            deadline: iso(local(8, 5)),
            reportedAt: null,
            reportedBy: null,
            escalatedAt: iso(local(8, 5, 1)),
          },
          { department: 'fire', summonedAt: iso(local(8, 0)), deadline: iso(local(8, 15)), reportedAt: null, reportedBy: null, escalatedAt: null },
        ],
      },
    });
    const steps = w.findAll('li').map((li) => li.attributes('data-testid'));
    expect(steps).toEqual(['ladder-grid', 'ladder-community', 'ladder-street', 'ladder-department']);
    expect(w.get('[data-testid=ladder-street]').attributes('aria-current')).toBe('step');
    expect(w.get('[data-testid=ladder-grid]').attributes('aria-current')).toBeUndefined();
    expect(w.get('[data-testid=ladder-grid]').text()).toContain('West Lake Grid 3');
    expect(w.get('[data-testid=ladder-grid]').text()).toContain('Lead Li Ming');
    expect(w.get('[data-testid=ladder-grid]').text()).toContain('138 0000 1111');
    expect(w.get('[data-testid=ladder-street]').text()).toContain('Chen Jie');
    expect(w.get('[data-testid=ladder-department]').text()).toContain('2 summoned');
    expect(w.get('[data-testid=ladder-overdue]').text()).toBe('Call-ins overdue 1');
  });

  it('counts call-ins down, marks the overdue one red with when it escalated, and reports in', async () => {
    const { plugins } = testPlugins();
    const w = mount(DeskCallIns, {
      global: { plugins },
      props: {
        busy: false,
        live: true,
        callIns: [
          {
            department: 'housing',
            summonedAt: iso(local(7, 50)),
            deadline: iso(local(8, 5)),
            reportedAt: null,
            reportedBy: null,
            escalatedAt: iso(local(8, 5, 1)),
          },
          { department: 'fire', summonedAt: iso(local(8, 0)), deadline: iso(local(8, 15)), reportedAt: null, reportedBy: null, escalatedAt: null },
          {
            department: 'police',
            summonedAt: iso(local(8, 0)),
            deadline: iso(local(8, 15)),
            reportedAt: iso(local(8, 3)),
            reportedBy: 'user:wang',
            escalatedAt: null,
          },
        ],
      },
    });
    const [housing, fire, police] = w.findAll('[data-testid=call-in]');
    expect(housing!.attributes('data-overdue')).toBe('true');
    expect(housing!.classes()).toContain('overdue');
    expect(housing!.text()).toMatch(/overdue 5:00\s+· escalated at \d\d:05:01/);
    expect(fire!.attributes('data-overdue')).toBe('false');
    expect(fire!.text()).toContain('5:00 left');
    expect(police!.text()).toMatch(/in at \d\d:03:00 · wang/);
    expect(police!.find('button').exists()).toBe(false);
    await w.get('[data-testid=report-in-housing]').trigger('click');
    expect(w.emitted('reportIn')).toEqual([['housing']]);
  });
});

describe('the ends of the loop', () => {
  it('cancel needs a reason and a second press', async () => {
    const { plugins } = testPlugins();
    const w = mount(DeskCancelForm, { global: { plugins }, props: { busy: false } });
    await w.get('form').trigger('submit');
    expect(w.text()).toContain('Give the reason');
    await w.get('[data-testid=cancel-reason]').setValue('caller withdrew, all well');
    await w.get('[data-testid=as-cancelled]').trigger('click');
    await w.get('form').trigger('submit');
    expect(w.emitted('submit')).toBeUndefined();
    expect(w.get('[data-testid=confirm-cancel]').text()).toContain('Press again to confirm');
    await w.get('form').trigger('submit');
    expect(w.emitted('submit')).toEqual([['cancelled', 'caller withdrew, all well']]);
  });

  it('the evaluation needs a rating (keys 1–5) and a second press to close', async () => {
    const { plugins } = testPlugins();
    const w = mount(DeskEvaluateForm, { global: { plugins }, props: { busy: false } });
    await w.get('form').trigger('submit');
    expect(w.text()).toContain('Choose a rating first');
    await w.get('form').trigger('keydown', { key: '4' });
    expect(w.get('[data-testid=rate-4]').attributes('aria-checked')).toBe('true');
    await w.get('[data-testid=feedback]').setValue('came within minutes');
    await w.get('form').trigger('submit');
    expect(w.emitted('submit')).toBeUndefined();
    await w.get('form').trigger('submit');
    expect(w.emitted('submit')).toEqual([[4, 'came within minutes']]);
  });

  it('Enter on a rating button does not override the rating chosen by its digit', async () => {
    const { plugins } = testPlugins();
    const w = mount(DeskEvaluateForm, { global: { plugins }, props: { busy: false } });
    await w.get('form').trigger('keydown', { key: '3' });
    await w.get('[data-testid=rate-5]').trigger('keydown', { key: 'Enter' });
    await w.get('[data-testid=rate-5]').trigger('keydown', { key: 'Enter' });
    expect(w.emitted('submit')).toEqual([[3, '']]);
  });

  it('plan tasks tick from the desk and say who and when', async () => {
    const { plugins } = testPlugins();
    const tasks = [
      { index: 0, title: 'Close the underpass', owner: 'Police', state: 'done' as const, updatedAt: iso(local(8, 4)), updatedBy: 'user:li' },
      { index: 1, title: 'Open the shelter', owner: 'Street office', state: 'open' as const, updatedAt: iso(local(8, 0)), updatedBy: null },
    ];
    const w = mount(DeskPlanTasks, { global: { plugins }, props: { tasks, busy: false, live: true } });
    expect(w.get('h3').text()).toContain('1/2');
    const [done, open] = w.findAll('[data-testid=task]');
    expect(done!.text()).toMatch(/li · \d\d:04:00/);
    expect(open!.get('[data-testid=task-1]').attributes('aria-checked')).toBe('false');
    await open!.get('[data-testid=task-1]').trigger('click');
    await done!.get('[data-testid=task-0]').trigger('click');
    expect(w.emitted('set')).toEqual([
      [tasks[1], 'done'],
      [tasks[0], 'open'],
    ]);
  });
});
