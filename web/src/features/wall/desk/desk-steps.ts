import type { Assignment } from '@lianfang/shared';
import { ASSIGNMENT_TRANSITIONS } from '@lianfang/shared';
import type { UnitStep } from '../../incidents/incident-loop.api';

/** The steps the desk records for a unit (declining is the unit's own word, on its tablet). */
const DESK_STEPS: readonly UnitStep[] = ['acknowledged', 'en_route', 'on_scene', 'cleared'];

/**
 * Only the steps the server's state machine accepts next (the same table it enforces), so the
 * operator never sees a button that would answer 409: "on scene" straight from "dispatched" is not offered.
 */
export function nextSteps(a: Pick<Assignment, 'status'>): UnitStep[] {
  const allowed = ASSIGNMENT_TRANSITIONS[a.status];
  return DESK_STEPS.filter((s) => allowed.includes(s));
}

/** The latest time already on the assignment: a late entry may not go before it (nor before the dispatch). */
export function earliestFor(a: Pick<Assignment, 'dispatchedAt' | 'acknowledgedAt' | 'enRouteAt' | 'onSceneAt'>): number {
  return Math.max(...[a.dispatchedAt, a.acknowledgedAt, a.enRouteAt, a.onSceneAt].filter((t): t is string => t !== null).map((t) => Date.parse(t)));
}

/** How the operator gave the time: now, a quick pick ("2 min ago"), or hh:mm as said on the radio. */
export type StepTime = { kind: 'now' } | { kind: 'ago'; minutes: number } | { kind: 'clock'; text: string };
export type StepTimeResult = { ok: true; atMs: number | null } | { ok: false; error: 'format' | 'future' | 'before' };

const CLOCK = /^([01]?\d|2[0-3])[:：.]?([0-5]\d)$/;

/**
 * The time to send with a step. `now` sends none (the server stamps it). A typed hh:mm is today's,
 * or yesterday's when today's would be in the future and yesterday's still fits (a call just after
 * midnight). Quick picks that fall before the dispatch are refused like typed ones: the time told on
 * the radio is kept as told or not at all, never silently moved.
 */
export function stepTime(input: StepTime, nowMs: number, earliestMs: number): StepTimeResult {
  if (input.kind === 'now') return { ok: true, atMs: null };
  let at: number;
  if (input.kind === 'ago') at = nowMs - input.minutes * 60_000;
  else {
    const m = CLOCK.exec(input.text.trim());
    if (!m) return { ok: false, error: 'format' };
    const d = new Date(nowMs);
    d.setHours(Number(m[1]), Number(m[2]), 0, 0);
    at = d.getTime();
    if (at > nowMs) {
      if (at - 86_400_000 < earliestMs - 60_000) return { ok: false, error: 'future' };
      at -= 86_400_000;
    }
  }
  if (at > nowMs) return { ok: false, error: 'future' };
  // A typed minute covers the whole minute: 09:42 for a dispatch at 09:42:30 means "right after it".
  if (at < earliestMs) {
    if (input.kind === 'clock' && at + 60_000 > earliestMs) return { ok: true, atMs: earliestMs };
    return { ok: false, error: 'before' };
  }
  return { ok: true, atMs: at };
}

/** The quick picks shown as buttons, in minutes ago. */
export const QUICK_MINUTES = [1, 2, 5, 10] as const;
