import { cellToLatLng, getHexagonAreaAvg, latLngToCell, polygonToCells } from 'h3-js';
import { EARTH_RADIUS_M } from './geo-distance.js';
import { roadGraphBounds, type RoadGraph } from './road-graph.js';
import { edgeSpatialIndex } from './snap.js';

/**
 * The H3 cells a coverage map can colour, prepared once per graph and resolution so that a
 * coverage recompute never calls H3 (latLngToCell costs ~3 µs; 100k nodes would eat the
 * whole time budget).
 *
 * - Network cells hold at least one node; they take the best time of their nodes.
 * - Off-network cells hold no node but lie within walking distance of a road; each keeps
 *   its nearest road points (up to OFF_NETWORK_CANDIDATES distinct segments) and the walk
 *   from the cell centre to them.
 */
export interface CoverageCells {
  readonly resolution: number;
  readonly maxWalkM: number;
  readonly cells: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Cell index of each graph node. */
  readonly cellOfNode: Uint32Array;
  /** Off-network candidates, one entry per (cell, nearby road point). */
  readonly offCell: Uint32Array;
  readonly offEdge: Uint32Array;
  readonly offFraction: Float64Array;
  readonly offWalkM: Float32Array;
}

/** More than one candidate, so a cell next to a road its units cannot use (a motorway) still finds the street behind it. */
const OFF_NETWORK_CANDIDATES = 3;
/** Beyond this many cells in the bounding box, skip off-network cells rather than stall (country-sized graphs). */
const MAX_BOX_CELLS = 2_000_000;

const cache = new WeakMap<RoadGraph, Map<string, CoverageCells>>();

export function coverageCells(graph: RoadGraph, resolution: number, maxWalkM: number): CoverageCells {
  let perGraph = cache.get(graph);
  if (!perGraph) {
    perGraph = new Map();
    cache.set(graph, perGraph);
  }
  const key = `${resolution}:${maxWalkM}`;
  let cells = perGraph.get(key);
  if (!cells) {
    cells = buildCoverageCells(graph, resolution, maxWalkM);
    perGraph.set(key, cells);
  }
  return cells;
}

function buildCoverageCells(graph: RoadGraph, resolution: number, maxWalkM: number): CoverageCells {
  const cells: string[] = [];
  const indexOf = new Map<string, number>();
  const add = (cell: string): number => {
    let index = indexOf.get(cell);
    if (index === undefined) {
      index = cells.push(cell) - 1;
      indexOf.set(cell, index);
    }
    return index;
  };
  const cellOfNode = new Uint32Array(graph.nodeCount);
  for (let node = 0; node < graph.nodeCount; node++) cellOfNode[node] = add(latLngToCell(graph.lat[node]!, graph.lon[node]!, resolution));

  const offCell: number[] = [];
  const offEdge: number[] = [];
  const offFraction: number[] = [];
  const offWalkM: number[] = [];
  const index = edgeSpatialIndex(graph);
  for (const cell of cellsAroundNetwork(graph, resolution, maxWalkM)) {
    if (indexOf.has(cell)) continue;
    const [lat, lon] = cellToLatLng(cell);
    const near = index.nearest(lat, lon, { radiusM: maxWalkM, limit: OFF_NETWORK_CANDIDATES });
    if (near.length === 0) continue; // farther than anyone walks: not part of the map
    const cellIndex = add(cell);
    for (const point of near) {
      offCell.push(cellIndex);
      offEdge.push(point.edge);
      offFraction.push(point.fraction);
      offWalkM.push(point.distanceM);
    }
  }
  return {
    resolution,
    maxWalkM,
    cells,
    indexOf,
    cellOfNode,
    offCell: Uint32Array.from(offCell),
    offEdge: Uint32Array.from(offEdge),
    offFraction: Float64Array.from(offFraction),
    offWalkM: Float32Array.from(offWalkM),
  };
}

/** Cells of the network's bounding box grown by the walking distance. */
function cellsAroundNetwork(graph: RoadGraph, resolution: number, maxWalkM: number): string[] {
  if (graph.nodeCount === 0) return [];
  const b = roadGraphBounds(graph);
  const dLat = (maxWalkM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(0.01, Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180));
  const [south, north, west, east] = [b.minLat - dLat, b.maxLat + dLat, b.minLon - dLon, b.maxLon + dLon];
  const areaKm2 = (north - south) * 111.2 * (east - west) * 111.2 * Math.cos((((south + north) / 2) * Math.PI) / 180) || 0;
  if (areaKm2 / getHexagonAreaAvg(resolution, 'km2') > MAX_BOX_CELLS) return [];
  const ring = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  return polygonToCells([ring], resolution, true);
}
