import { badRequest } from '../domain-errors.js';

/** A browser clock a little ahead of the server's is normal; more than this is a wrong clock. */
const FUTURE_TOLERANCE_MS = 2 * 60_000;
/** A call is logged while it is being taken: an older "received" time is a mistake, not a late entry. */
const MAX_AGE_MS = 12 * 3600_000;

/**
 * When the call was received, as stored: the call-taker's time (the intake form opened), clamped to
 * `now` when the browser's clock runs slightly ahead (a call cannot be received after its incident
 * is created); refused with the field named when it is far off either way.
 */
export function callReceivedTime(value: string | undefined, nowMs: number): string | null {
  if (value === undefined) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw badRequest('callReceivedAt', 'not a time');
  if (at > nowMs + FUTURE_TOLERANCE_MS) throw badRequest('callReceivedAt', 'is in the future (check the clock of this computer)');
  if (at < nowMs - MAX_AGE_MS) throw badRequest('callReceivedAt', 'is more than 12 hours ago');
  return new Date(Math.min(at, nowMs)).toISOString();
}
