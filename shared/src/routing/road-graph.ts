/**
 * The compact road graph: every OSM way segment becomes one directed edge per direction that
 * at least one mode may use. Edges live in CSR order (grouped by source node), so a search
 * walks `offsets[u] .. offsets[u + 1]` with no pointers and no per-edge objects.
 *
 * The reverse CSR lists, for every node, the edges arriving at it. A search on it answers
 * "how long from every node to here", which is what ranking units by ETA needs: one search
 * from the incident instead of one per unit.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node positions in degrees. */
  readonly lat: Float64Array;
  readonly lon: Float64Array;

  /** Forward CSR: edges leaving node u are `offsets[u] .. offsets[u + 1] - 1`. Length nodeCount + 1. */
  readonly offsets: Uint32Array;
  /** Head node of each edge. */
  readonly targets: Uint32Array;
  /** Tail node of each edge (redundant with offsets, kept so snapping can find an edge's geometry in O(1)). */
  readonly sources: Uint32Array;
  /** The same segment in the opposite direction, or NO_EDGE when only one direction is usable. */
  readonly twin: Uint32Array;
  readonly lengthM: Float32Array;
  /** Code into ROAD_CLASSES. */
  readonly roadClass: Uint8Array;
  /** Tagged speed limit in km/h, 0 = none. */
  readonly maxspeedKmh: Uint8Array;
  /** MODE_BIT mask of the modes that may use this edge in this direction. */
  readonly access: Uint8Array;

  readonly reverse: ReverseAdjacency;
}

/** Reverse CSR: edges arriving at node v are `offsets[v] .. offsets[v + 1] - 1`. */
export interface ReverseAdjacency {
  readonly offsets: Uint32Array;
  /** Tail node of each incoming edge (the node a reverse search moves to). */
  readonly sources: Uint32Array;
  /** Index of the same edge in the forward arrays, to look up its cost and length. */
  readonly edges: Uint32Array;
}

export const NO_EDGE = 0xffffffff;

/** Bytes held by the graph's arrays (what the server keeps in memory for routing). */
export function roadGraphByteLength(graph: RoadGraph): number {
  const arrays = [
    graph.lat,
    graph.lon,
    graph.offsets,
    graph.targets,
    graph.sources,
    graph.twin,
    graph.lengthM,
    graph.roadClass,
    graph.maxspeedKmh,
    graph.access,
    graph.reverse.offsets,
    graph.reverse.sources,
    graph.reverse.edges,
  ];
  return arrays.reduce((sum, array) => sum + array.byteLength, 0);
}

export interface RoadGraphBounds {
  readonly minLat: number;
  readonly minLon: number;
  readonly maxLat: number;
  readonly maxLon: number;
}

export function roadGraphBounds(graph: RoadGraph): RoadGraphBounds {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (let i = 0; i < graph.nodeCount; i++) {
    const lat = graph.lat[i]!;
    const lon = graph.lon[i]!;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
  }
  return { minLat, minLon, maxLat, maxLon };
}
