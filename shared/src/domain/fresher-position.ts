import type { Position } from '../schemas/position.js';

/**
 * The newer of two fixes of one unit, by server time (ties go to `b`). The live
 * picture, a stored `last_fix`, a replayed batch and a status change can each
 * carry a fix; whichever path brings them, the newest one wins.
 */
export function fresherPosition(a: Position | null, b: Position | null): Position | null {
  if (!a) return b;
  if (!b) return a;
  // UTC ISO strings of one shape order like their instants: no parsing on the 5,000-a-second path.
  if (a.serverTime.length === b.serverTime.length && a.serverTime.endsWith('Z') && b.serverTime.endsWith('Z')) return b.serverTime >= a.serverTime ? b : a;
  return Date.parse(b.serverTime) >= Date.parse(a.serverTime) ? b : a;
}
