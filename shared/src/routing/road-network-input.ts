import type { RoadClass } from './road-classes.js';
import type { TravelMode } from './travel-modes.js';

/**
 * The plain-data road network that both the OSM importer and the synthetic city generator
 * produce, and that `buildRoadGraph` turns into the compact graph.
 */
export interface RoadNetworkInput {
  readonly nodes: readonly RoadNodeInput[];
  readonly ways: readonly RoadWayInput[];
}

export interface RoadNodeInput {
  /** Any unique integer (an OSM node id, or a generated one). */
  readonly id: number;
  readonly lat: number;
  readonly lon: number;
}

/** `forward` = only in the order of `nodeIds`; `backward` = only against it (OSM `oneway=-1`). */
export type OnewayDirection = 'no' | 'forward' | 'backward';

export interface RoadWayInput {
  readonly id?: number;
  readonly nodeIds: readonly number[];
  readonly roadClass: RoadClass;
  /** Applies to motor modes and bikes; pedestrians ignore it, as OSM says they do. */
  readonly oneway: OnewayDirection;
  /** `oneway:bicycle=no` (or an opposite cycle lane): bikes may ride against the oneway. */
  readonly bikeContraflow?: boolean;
  /** Legal limit in km/h, 0 or absent = none tagged. Values above 255 are clamped. */
  readonly maxspeedKmh?: number;
  /** Explicit per-mode permissions from access tags; absent modes keep the class default. */
  readonly access?: Readonly<Partial<Record<TravelMode, boolean>>>;
}
