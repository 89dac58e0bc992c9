import type { Unit } from '@lianfang/shared';
import { STALE_MS, isStale } from '../../features/units/unit-appearance';

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, what the server and toISOString write. */
const CANONICAL_ISO_LENGTH = 24;
const canonical = (s: string) => s.length === CANONICAL_ISO_LENGTH && s.charCodeAt(23) === 90; /* 'Z' */

/**
 * isStale for a whole batch without parsing 10,000 dates: UTC ISO strings of one shape order like
 * their instants, so "fix older than the cutoff" is a string comparison (the same rule as
 * isStale: the earlier of device and server time, the server's when the device clock is off).
 * Anything of another shape takes the exact path.
 */
export function staleJudge(now: number): (unit: Unit) => boolean {
  const cutoff = new Date(now - STALE_MS).toISOString();
  return (unit) => {
    const p = unit.position;
    if (!p) return true;
    const skewed = p.flags.includes('clock_skew');
    if (!canonical(p.serverTime) || (!skewed && !canonical(p.deviceTime))) return isStale(unit, now);
    const fix = skewed || p.serverTime < p.deviceTime ? p.serverTime : p.deviceTime;
    return fix < cutoff;
  };
}
