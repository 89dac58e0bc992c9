import { describe, expect, it } from 'vitest';
import { earliestFor, nextSteps, stepTime } from '../../src/features/wall/desk/desk-steps';

// Local times (the operator types the clock on the wall, in the wall's time zone).
const at = (h: number, m: number, s = 0) => new Date(2025, 0, 1, h, m, s).getTime();
const NOW = at(8, 10);
const DISPATCHED = at(8, 6, 30);

describe('desk steps', () => {
  it.each([
    ['dispatched', ['acknowledged', 'en_route', 'cleared']],
    ['acknowledged', ['en_route', 'on_scene', 'cleared']],
    ['en_route', ['on_scene', 'cleared']],
    ['on_scene', ['cleared']],
    ['cleared', []],
    ['declined', []],
  ] as const)('after %s offers only %o', (status, steps) => {
    expect(nextSteps({ status })).toEqual(steps);
  });

  it('a late entry may not go before the latest time already on the assignment', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(earliestFor({ dispatchedAt: iso(DISPATCHED), acknowledgedAt: null, enRouteAt: null, onSceneAt: null })).toBe(DISPATCHED);
    expect(earliestFor({ dispatchedAt: iso(DISPATCHED), acknowledgedAt: iso(at(8, 7)), enRouteAt: iso(at(8, 8)), onSceneAt: null })).toBe(at(8, 8));
  });

  it.each([
    ['now', { kind: 'now' }, { ok: true, atMs: null }],
    ['2 min ago', { kind: 'ago', minutes: 2 }, { ok: true, atMs: at(8, 8) }],
    ['5 min ago is before the dispatch', { kind: 'ago', minutes: 5 }, { ok: false, error: 'before' }],
    ['typed 08:09', { kind: 'clock', text: '08:09' }, { ok: true, atMs: at(8, 9) }],
    ['typed 809', { kind: 'clock', text: '809' }, { ok: true, atMs: at(8, 9) }],
    ['typed with a full-width colon', { kind: 'clock', text: '08：09' }, { ok: true, atMs: at(8, 9) }],
    ['the dispatch minute itself means right after it', { kind: 'clock', text: '08:06' }, { ok: true, atMs: DISPATCHED }],
    ['typed 08:05 is before the dispatch', { kind: 'clock', text: '08:05' }, { ok: false, error: 'before' }],
    ['typed 08:15 is in the future', { kind: 'clock', text: '08:15' }, { ok: false, error: 'future' }],
    ['typed nonsense', { kind: 'clock', text: '8h' }, { ok: false, error: 'format' }],
    ['typed 25:00', { kind: 'clock', text: '25:00' }, { ok: false, error: 'format' }],
  ] as const)('%s', (_name, input, expected) => {
    expect(stepTime(input, NOW, DISPATCHED)).toEqual(expected);
  });

  it('just after midnight, 23:58 is yesterday when the dispatch was yesterday', () => {
    const now = new Date(2025, 0, 2, 0, 3).getTime();
    const dispatched = new Date(2025, 0, 1, 23, 55).getTime();
    expect(stepTime({ kind: 'clock', text: '23:58' }, now, dispatched)).toEqual({ ok: true, atMs: new Date(2025, 0, 1, 23, 58).getTime() });
    expect(stepTime({ kind: 'clock', text: '00:05' }, now, dispatched)).toEqual({ ok: false, error: 'future' });
  });
});
