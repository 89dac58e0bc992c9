import type { GridFeature, Ring } from '@lianfang/shared';
import { outsideProblem, ringProblems } from '../grid-rules.js';
import { boxOf, boxesOverlap, containsPoint, gridFeature, importableRing, pointsInside, samplePoints, type Box } from './draft-rings.js';
import type { DraftBoundary } from './osm-draft-collector.js';

/** Below this share of the road network inside the chosen streets, the boundaries are not the district's: tile instead. */
export const MIN_ROAD_COVERAGE = 0.5;
const ROAD_SAMPLE = 4000;

interface Area {
  readonly code: string;
  readonly name: string;
  readonly adminLevel: number;
  readonly ring: Ring;
  readonly box: Box;
}

/**
 * Grids from the extract's administrative boundaries: of the boundaries with roads inside, the
 * two finest admin levels present become streets (the coarser) and communities (the finer, each
 * under the street it lies in; one outside every street is left out). A boundary with several
 * outer rings keeps its largest (a grid has one ring). Every grid kept passes the import's own
 * rules (grid-rules.ts), so the draft imports with nothing rejected. Null when the boundaries
 * do not cover the road network (most of its points outside every street): the caller tiles.
 */
export function boundaryGrids(boundaries: readonly DraftBoundary[], roadPoints: readonly number[]): GridFeature[] | null {
  const sample = samplePoints(roadPoints, ROAD_SAMPLE);
  const areas: Area[] = [];
  for (const b of boundaries) {
    const ring = importableRing(largest(b.outers));
    const box = boxOf(ring);
    if (ringProblems(ring, 'ring').length > 0 || pointsInside(ring, box, sample) === 0) continue;
    areas.push({ code: `OSM-R${b.relationId}`, name: b.name, adminLevel: b.adminLevel, ring, box });
  }
  const levels = [...new Set(areas.map((a) => a.adminLevel))].sort((a, b) => b - a);
  if (levels.length === 0) return null;
  const streetLevel = levels[1] ?? levels[0]!;
  const communityLevel = levels.length > 1 ? levels[0]! : null;
  const byName = (a: Area, b: Area) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code);
  const streets = areas.filter((a) => a.adminLevel === streetLevel).sort(byName);

  let covered = 0;
  for (let i = 0; i < sample.length; i += 2) if (streets.some((s) => containsPoint(s.ring, s.box, sample[i]!, sample[i + 1]!))) covered++;
  if (covered < (sample.length / 2) * MIN_ROAD_COVERAGE) return null;

  const grids = streets.map((s) => gridFeature(s.code, s.name, 'street', null, s.ring));
  for (const c of areas.filter((a) => a.adminLevel === communityLevel).sort(byName)) {
    const parent = streets.find((s) => boxesOverlap(s.box, c.box) && outsideProblem(c.ring, s.ring, 'ring', s.name) === null);
    if (parent) grids.push(gridFeature(c.code, c.name, 'community', parent.code, c.ring));
  }
  return grids;
}

/** The outer ring with the largest (planar) area: the mainland, not an exclave. */
function largest(rings: readonly [number, number][][]): [number, number][] {
  let best = rings[0]!;
  let bestArea = -1;
  for (const ring of rings) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[i]![1] + ring[j]![1]);
    if (Math.abs(sum) > bestArea) [best, bestArea] = [ring, Math.abs(sum)];
  }
  return best;
}
