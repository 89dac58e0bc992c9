import type { GridLevel, Ring } from '@lianfang/shared';
import { area } from '@turf/area';
import { difference } from '@turf/difference';
import { featureCollection, polygon } from '@turf/helpers';
import { kinks } from '@turf/kinks';

/**
 * The rules every grid keeps, whether drawn in the console, patched through the API or imported
 * (docs/admin-geography.md). Geometry is judged with turf (maintained, geodesic areas): our own
 * point-in-ring is fine for lookups but not for self-intersection or clipping.
 */
export interface GeoProblem {
  /** the field at fault as the caller named it (`ring`, `parentId`, `geometry.coordinates`, `properties.parentCode`) */
  field: string;
  /** IMPORT_PROBLEM_CODES: so the console says it in its own language */
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** A child may stick out of its parent by this share of its own area (hand-drawn borders never match exactly). */
export const OUTSIDE_PARENT_TOLERANCE = 0.02;

/** The ring with its first point repeated at the end, as GeoJSON wants it (the schema accepts both). */
export function closedRing(ring: Ring): Ring {
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** Is the ring a polygon at all: 3 distinct corners or more, no edge crossing another, some area. */
export function ringProblems(ring: Ring, field: string): GeoProblem[] {
  const closed = closedRing(ring);
  const distinct = new Set(closed.map(([lon, lat]) => `${lon},${lat}`)).size;
  if (closed.length < 4 || distinct < 3)
    return [{ field, code: 'ring_too_few_points', message: 'a ring needs at least 3 distinct corners (4 points, closed)' }];
  const shape = polygon([closed]);
  const crossings = kinks(shape).features.length;
  if (crossings > 0)
    return [{ field, code: 'ring_self_intersects', message: `the ring crosses itself (${crossings} crossing(s))`, params: { count: crossings } }];
  if (area(shape) < 1) return [{ field, code: 'ring_no_area', message: 'the ring encloses no area' }];
  return [];
}

const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = { street: null, community: 'street', grid: 'community' };

/** street → no parent; community → a street; grid → a community. `parentLevel` undefined: the parent is unknown. */
export function levelProblem(level: GridLevel, parentLevel: GridLevel | null, field: string): GeoProblem | null {
  const expected = PARENT_LEVEL[level];
  if (expected === null) return parentLevel === null ? null : { field, code: 'street_has_parent', message: 'a street is the top level and has no parent' };
  if (parentLevel === null) return { field, code: 'parent_required', message: `a ${level} needs a ${expected} as parent`, params: { expected } };
  if (parentLevel !== expected)
    return {
      field,
      code: 'wrong_parent_level',
      message: `a ${level}'s parent must be a ${expected}, not a ${parentLevel}`,
      params: { expected, actual: parentLevel },
    };
  return null;
}

/** The share (0..1) of the child's area that lies outside the parent. Both rings already pass ringProblems. */
export function shareOutside(child: Ring, parent: Ring): number {
  const c = polygon([closedRing(child)]);
  const outside = difference(featureCollection([c, polygon([closedRing(parent)])]));
  return outside ? area(outside) / area(c) : 0;
}

/** Refused when more than OUTSIDE_PARENT_TOLERANCE of the child lies outside its parent. */
export function outsideProblem(child: Ring, parent: Ring, field: string, parentName: string): GeoProblem | null {
  const share = shareOutside(child, parent);
  if (share <= OUTSIDE_PARENT_TOLERANCE) return null;
  const percent = Math.round(share * 1000) / 10;
  return {
    field,
    code: 'outside_parent',
    message: `${percent}% of it lies outside its parent ${parentName} (at most ${OUTSIDE_PARENT_TOLERANCE * 100}% allowed)`,
    params: { percent, parent: parentName },
  };
}
