import type { RoadGraph } from './road-graph.js';
import { EdgeSpatialIndex, type EdgeCandidate } from './spatial-index.js';
import { ALL_MODES_MASK, MODE_BIT, type TravelMode } from './travel-modes.js';

/** A point placed on the network: on `edge`, `fraction` of the way from its source node to its target. */
export type SnappedPoint = EdgeCandidate;

export interface SnapOptions {
  /** Give up beyond this distance from any usable road. Default 200 m. */
  readonly radiusM?: number;
  /** Only roads this mode may use (in at least one direction). Default: any road. */
  readonly mode?: TravelMode;
}

export const DEFAULT_SNAP_RADIUS_M = 200;

const indexes = new WeakMap<RoadGraph, EdgeSpatialIndex>();

/** The graph's edge index, built on first use (tens of ms for 200k edges) and kept with the graph. */
export function edgeSpatialIndex(graph: RoadGraph): EdgeSpatialIndex {
  let index = indexes.get(graph);
  if (!index) {
    index = EdgeSpatialIndex.build(graph);
    indexes.set(graph, index);
  }
  return index;
}

/**
 * Nearest point on the nearest usable road segment (a projection onto the segment, not the
 * nearest node, so a unit in the middle of a long street starts in the middle of it).
 * Returns null when no usable road lies within the radius.
 */
export function snapToRoad(graph: RoadGraph, lat: number, lon: number, options: SnapOptions = {}): SnappedPoint | null {
  const [hit] = edgeSpatialIndex(graph).nearest(lat, lon, {
    radiusM: options.radiusM ?? DEFAULT_SNAP_RADIUS_M,
    modeMask: options.mode ? MODE_BIT[options.mode] : ALL_MODES_MASK,
  });
  return hit ?? null;
}
