import type { Mode } from '../schemas/common.js';
import type { PositionFlag } from '../schemas/position.js';
import { distanceM } from './point-in-ring.js';

/** Faster than this between two fixes is not travel but a bad fix (GPS multipath, cell fallback). */
export const MAX_PLAUSIBLE_KMH: Record<Mode, number> = { foot: 45, bike: 80, moto: 260, car: 260 };
/** Device clocks further off than this are flagged; the fix is kept with both times. */
export const CLOCK_SKEW_FUTURE_MS = 2 * 60_000;
export const CLOCK_SKEW_PAST_MS = 24 * 3600_000;
export const LOW_ACCURACY_M = 200;

/** `{clockSkew: true}` for an alert whose device time (ISO) is skewed against the server's, else nothing (spread into the alert). */
export function clockSkewOf(deviceTime: string | null | undefined, serverTimeMs: number): { clockSkew?: true } {
  return deviceTime && isClockSkewed(Date.parse(deviceTime), serverTimeMs) ? { clockSkew: true } : {};
}

/** A device time this far from the server's clock is not trusted for ordering or ages (fixes and alerts alike). */
export function isClockSkewed(deviceTimeMs: number, serverTimeMs: number): boolean {
  return deviceTimeMs - serverTimeMs > CLOCK_SKEW_FUTURE_MS || serverTimeMs - deviceTimeMs > CLOCK_SKEW_PAST_MS;
}

export interface FixInput {
  lat: number;
  lon: number;
  deviceTimeMs: number;
  accuracyM: number | null;
}
export interface PreviousFix {
  lat: number;
  lon: number;
  deviceTimeMs: number;
}

export type HygieneVerdict = { verdict: 'accept'; flags: PositionFlag[] } | { verdict: 'reject'; reason: 'invalid_coordinates' | 'duplicate' | 'out_of_order' };

/**
 * The checks the best trackers do before a fix reaches a screen: impossible
 * coordinates are refused, exact repeats and late arrivals are dropped (the
 * screen already shows something newer), and implausible jumps are kept but flagged.
 */
export function checkFix(fix: FixInput, previous: PreviousFix | null, mode: Mode, serverTimeMs: number): HygieneVerdict {
  if (!Number.isFinite(fix.lat) || !Number.isFinite(fix.lon) || Math.abs(fix.lat) > 90 || Math.abs(fix.lon) > 180) {
    return { verdict: 'reject', reason: 'invalid_coordinates' };
  }
  // (0,0) is what many trackers send before their first real fix.
  if (fix.lat === 0 && fix.lon === 0) return { verdict: 'reject', reason: 'invalid_coordinates' };
  const flags: PositionFlag[] = [];
  if (isClockSkewed(fix.deviceTimeMs, serverTimeMs)) flags.push('clock_skew');
  if (fix.accuracyM !== null && fix.accuracyM > LOW_ACCURACY_M) flags.push('low_accuracy');
  if (!previous) return { verdict: 'accept', flags };
  // A previous fix stamped in the future says nothing about order: left as the yardstick, it would
  // refuse every correctly-timed fix after it as "out of order" until that future came.
  if (previous.deviceTimeMs - serverTimeMs > CLOCK_SKEW_FUTURE_MS) return { verdict: 'accept', flags };
  if (fix.deviceTimeMs === previous.deviceTimeMs && fix.lat === previous.lat && fix.lon === previous.lon) {
    return { verdict: 'reject', reason: 'duplicate' };
  }
  if (fix.deviceTimeMs <= previous.deviceTimeMs) return { verdict: 'reject', reason: 'out_of_order' };
  const hours = (fix.deviceTimeMs - previous.deviceTimeMs) / 3600_000;
  const km = distanceM(previous.lat, previous.lon, fix.lat, fix.lon) / 1000;
  // Tiny moves inside GPS noise never count as jumps, however short the interval.
  if (km > 0.05 && km / hours > MAX_PLAUSIBLE_KMH[mode]) flags.push('jump');
  return { verdict: 'accept', flags };
}
