import { describe, expect, it } from 'vitest';
import { currentAssignment, nextStep, unacknowledged } from '../../src/features/tablet/my-assignment';
import type { QueuedCommand } from '../../src/realtime/outbox/queued-command';
import { assignment, incident } from '../support/fixtures';

const queued = (over: Partial<Extract<QueuedCommand, { kind: 'assignment:status' }>>): QueuedCommand => ({
  id: 'c1',
  kind: 'assignment:status',
  createdAt: '2025-01-01T08:00:00Z',
  incidentId: 'i1',
  unitId: 'u1',
  status: 'acknowledged',
  ...over,
});

describe("the captain's next step", () => {
  it('follows the assignment: acknowledge, en route, on scene, resolve', () => {
    const at = (status: 'dispatched' | 'acknowledged' | 'en_route' | 'on_scene') => incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status })] });
    expect(nextStep(at('dispatched'), 'u1', [])).toBe('acknowledged');
    expect(nextStep(at('acknowledged'), 'u1', [])).toBe('en_route');
    expect(nextStep(at('en_route'), 'u1', [])).toBe('on_scene');
    expect(nextStep(at('on_scene'), 'u1', [])).toBe('resolve');
    expect(nextStep(at('dispatched'), 'other-unit', [])).toBeNull();
  });

  it('counts a step still in the offline queue as taken, and ignores cleared assignments', () => {
    const dispatched = incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status: 'dispatched' })] });
    expect(nextStep(dispatched, 'u1', [queued({})])).toBe('en_route');
    expect(nextStep(dispatched, 'u1', [queued({}), queued({ id: 'c2', status: 'en_route' })])).toBe('on_scene');
    expect(nextStep(dispatched, 'u1', [queued({ incidentId: 'another' })])).toBe('acknowledged');
    const cleared = incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status: 'cleared' })] });
    expect(nextStep(cleared, 'u1', [])).toBeNull();
  });

  it('prompts loudly only for dispatches nobody acknowledged yet', () => {
    const a = incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status: 'dispatched' })] });
    const b = incident({ id: 'i2', assignments: [assignment({ unitId: 'u1', status: 'en_route' })] });
    expect(unacknowledged([a, b], 'u1', []).map((i) => i.id)).toEqual(['i1']);
    expect(unacknowledged([a, b], 'u1', [queued({})])).toEqual([]);
  });

  it('a queued decline ends the assignment at once: no step, no prompt', () => {
    const a = incident({ id: 'i1', assignments: [assignment({ unitId: 'u1', status: 'dispatched' })] });
    expect(nextStep(a, 'u1', [queued({ status: 'declined', reason: 'vehicle' })])).toBeNull();
    expect(unacknowledged([a], 'u1', [queued({ status: 'declined', reason: 'vehicle' })])).toEqual([]);
  });

  it('works on the most urgent assignment; a report the unit only filed is not a task', () => {
    const report = incident({ id: 'r1', unitId: 'u1', source: 'patrol_report', assignments: [] });
    const sent = incident({ id: 'i2', assignments: [assignment({ unitId: 'u1', status: 'en_route' })] });
    expect(currentAssignment([report, sent], 'u1', [])?.id).toBe('i2');
    expect(currentAssignment([report], 'u1', [])).toBeNull();
  });
});
