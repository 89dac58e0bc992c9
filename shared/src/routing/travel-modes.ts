import { ROAD_CLASSES, type RoadClass } from './road-classes.js';

export const TRAVEL_MODES = ['foot', 'bike', 'moto', 'car'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/** One bit per mode in the per-edge access mask. */
export const MODE_BIT: Readonly<Record<TravelMode, number>> = { foot: 1, bike: 2, moto: 4, car: 8 };
export const ALL_MODES_MASK = 0b1111;
export const MOTOR_MODES_MASK = MODE_BIT.moto | MODE_BIT.car;

export function isMotorMode(mode: TravelMode): boolean {
  return (MODE_BIT[mode] & MOTOR_MODES_MASK) !== 0;
}

/**
 * Default travel speeds in km/h per road class; 0 means "not allowed by default".
 * Motor figures are typical free-flow urban speeds, below the usual legal limit (junctions,
 * bends, traffic). Moto equals car: a patrol moto is not faster on average once it has to
 * stop at junctions, and its advantage is access (filtering) that this model does not cover.
 * Bikes may be pushed on footways and carried on steps: patrol bikes do this in practice.
 */
const SPEED_TABLE: Readonly<Record<RoadClass, readonly [foot: number, bike: number, moto: number, car: number]>> = {
  motorway: [0, 0, 100, 100],
  trunk: [5, 18, 75, 75],
  primary: [5, 18, 50, 50],
  secondary: [5, 18, 45, 45],
  tertiary: [5, 18, 38, 38],
  unclassified: [5, 16, 30, 30],
  residential: [5, 16, 25, 25],
  living_street: [5, 12, 8, 8],
  service: [5, 14, 15, 15],
  pedestrian: [5, 8, 0, 0],
  footway: [5, 6, 0, 0],
  path: [4.5, 12, 0, 0],
  cycleway: [5, 18, 0, 0],
  steps: [2, 2, 0, 0],
  track: [4.5, 12, 12, 12],
  bridleway: [4.5, 8, 0, 0],
  road: [5, 14, 25, 25],
};

const MODE_COLUMN: Readonly<Record<TravelMode, 0 | 1 | 2 | 3>> = { foot: 0, bike: 1, moto: 2, car: 3 };

/** Used when a tag explicitly allows a mode on a class it does not use by default (e.g. `motor_vehicle=yes` on a footway). */
const FALLBACK_SPEED_KMH: Readonly<Record<TravelMode, number>> = { foot: 5, bike: 10, moto: 15, car: 15 };

/** Speed for straight-line estimates when a point cannot be put on the network. */
export const STRAIGHT_LINE_SPEED_KMH: Readonly<Record<TravelMode, number>> = { foot: 5, bike: 15, moto: 30, car: 30 };

/** Drivers rarely hold the posted limit: bends, junctions, traffic. Applied to tagged maxspeed. */
export const MAXSPEED_TRAVEL_RATIO = 0.85;

/** Speed of a person walking from the road to a point off the network. */
export const WALK_SPEED_KMH = 5;

/** Speed table indexed by [classCode * 4 + modeColumn], for hot loops. */
const SPEEDS_BY_CODE = new Float64Array(ROAD_CLASSES.length * 4);
ROAD_CLASSES.forEach((roadClass, code) => SPEED_TABLE[roadClass].forEach((kmh, column) => (SPEEDS_BY_CODE[code * 4 + column] = kmh)));

/** Access mask a class gets when no tag says otherwise. */
export function defaultAccessMask(roadClass: RoadClass): number {
  const speeds = SPEED_TABLE[roadClass];
  let mask = 0;
  for (const mode of TRAVEL_MODES) if (speeds[MODE_COLUMN[mode]] > 0) mask |= MODE_BIT[mode];
  return mask;
}

/** Default speed of a class for a mode, ignoring maxspeed; 0 when the class is closed to the mode by default. */
export function defaultSpeedKmh(mode: TravelMode, roadClass: RoadClass): number {
  return SPEED_TABLE[roadClass][MODE_COLUMN[mode]];
}

/**
 * Travel speed on an edge that the mode may use. Motor modes honour maxspeed (scaled by
 * MAXSPEED_TRAVEL_RATIO); foot and bike speeds are set by the person, not the sign.
 */
export function edgeSpeedKmh(mode: TravelMode, classCode: number, maxspeedKmh: number): number {
  const column = MODE_COLUMN[mode];
  const base = SPEEDS_BY_CODE[classCode * 4 + column] || FALLBACK_SPEED_KMH[mode];
  if (column >= 2 && maxspeedKmh > 0) return maxspeedKmh * MAXSPEED_TRAVEL_RATIO;
  return base;
}
