import type { Force, Position, Unit, UnitStatus } from '@lianfang/shared';

/**
 * One hue per force, chosen to stay apart on a dark map and away from the
 * incident reds/yellows; the status ring uses a separate, small set.
 */
export const FORCE_COLORS: Record<Force, string> = {
  police: '#3d8bff',
  security: '#22c3d6',
  merchant_guard: '#b58cff',
  volunteer: '#3fcf6a',
  fire: '#ff6b3d',
  medical: '#ff6fae',
  city_mgmt: '#d6b36a',
};

export const STATUS_COLORS: Record<UnitStatus, string> = {
  available: '#e8eef5',
  dispatched: '#ffd60a',
  en_route: '#ffd60a',
  on_scene: '#ff375f',
  busy: '#ff9f0a',
  off_duty: '#4b5766',
};

export const STALE_COLOR = '#4b5563';

/** No fix for this long and a unit is drawn grey: nobody should trust where it seems to be. */
export const STALE_MS = 2 * 60_000;

/**
 * When the fix was taken, as far as we can trust it: a fix delivered late
 * (offline backlog) is as old as its device time, unless that clock is known to be off.
 */
export function fixTimeMs(position: Position): number {
  const server = Date.parse(position.serverTime);
  if (position.flags.includes('clock_skew')) return server;
  const device = Date.parse(position.deviceTime);
  return Number.isFinite(device) ? Math.min(device, server) : server;
}

export function isStale(unit: Unit, now: number): boolean {
  return !unit.position || now - fixTimeMs(unit.position) > STALE_MS;
}

/** Units that can take a job now (on duty, free, and seen recently). */
export function isAvailable(unit: Unit, now: number): boolean {
  return unit.status === 'available' && !isStale(unit, now);
}
