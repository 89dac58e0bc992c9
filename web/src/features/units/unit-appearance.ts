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

/**
 * Shape per force (the colour alone fails for colour-blind operators and on washed-out projectors).
 * Indices match the fragment shader (map/units-gl/unit-shaders.ts): 0 circle, 1 square, 2 diamond, 3 triangle, 4 hexagon, 5 cross, 6 inverted triangle.
 */
export const FORCE_SHAPES: Readonly<Record<Force, number>> = {
  police: 0,
  security: 1,
  merchant_guard: 2,
  volunteer: 3,
  fire: 6,
  medical: 5,
  city_mgmt: 4,
};
/** The same shapes as CSS clip-paths, for the legend. */
export const SHAPE_CLIP_PATHS = [
  'circle(50%)',
  'inset(8%)',
  'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'polygon(50% 4%, 100% 92%, 0 92%)',
  'polygon(25% 4%, 75% 4%, 100% 50%, 75% 96%, 25% 96%, 0 50%)',
  'polygon(34% 0, 66% 0, 66% 34%, 100% 34%, 100% 66%, 66% 66%, 66% 100%, 34% 100%, 34% 66%, 0 66%, 0 34%, 34% 34%)',
  'polygon(0 8%, 100% 8%, 50% 96%)',
] as const;

export const STATUS_COLORS: Record<UnitStatus, string> = {
  available: '#e8eef5',
  dispatched: '#ffd60a',
  en_route: '#ffd60a',
  on_scene: '#ff375f',
  busy: '#ff9f0a',
  off_duty: '#4b5766',
  // An SOS: a hue no other status or force uses, so a unit in trouble stands out on the map and the board.
  needs_help: '#ff2bd6',
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
