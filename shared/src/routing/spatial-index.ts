import { localProjection, projectX, projectY, unprojectLat, unprojectLon, type LocalProjection } from './geo-distance.js';
import { fillCells, gridShape, type GridShape } from './edge-grid.js';
import { NO_EDGE, roadGraphBounds, type RoadGraph } from './road-graph.js';

export interface EdgeCandidate {
  /** Forward edge id; the point lies `fraction` of the way from its source to its target. */
  readonly edge: number;
  readonly fraction: number;
  /** The projected point on the edge. */
  readonly lat: number;
  readonly lon: number;
  readonly distanceM: number;
}

export interface NearestEdgeQuery {
  readonly radiusM: number;
  /** How many distinct edges to return, nearest first. Default 1. */
  readonly limit?: number;
  /** Only edges that one of these MODE_BIT modes may use in at least one direction. Default: any. */
  readonly modeMask?: number;
}

/**
 * Uniform grid over the road segments. Each segment appears once (a two-way road's two
 * directed edges share one geometry) in every cell its bounding box touches. Queries scan
 * rings of cells outward and stop once the ring is farther than the best hit.
 */
export class EdgeSpatialIndex {
  private constructor(
    private readonly graph: RoadGraph,
    private readonly projection: LocalProjection,
    private readonly x: Float64Array,
    private readonly y: Float64Array,
    private readonly itemAccess: Uint8Array,
    private readonly grid: GridShape,
    private readonly cellStart: Uint32Array,
    private readonly cellItems: Uint32Array,
  ) {}

  static build(graph: RoadGraph, cellSizeM = 100): EdgeSpatialIndex {
    const bounds = roadGraphBounds(graph);
    const projection = localProjection((bounds.minLat + bounds.maxLat) / 2 || 0, (bounds.minLon + bounds.maxLon) / 2 || 0);
    const x = new Float64Array(graph.nodeCount);
    const y = new Float64Array(graph.nodeCount);
    for (let i = 0; i < graph.nodeCount; i++) {
      x[i] = projectX(projection, graph.lon[i]!);
      y[i] = projectY(projection, graph.lat[i]!);
    }
    const itemAccess = new Uint8Array(graph.edgeCount);
    const items: number[] = [];
    for (let e = 0; e < graph.edgeCount; e++) {
      const twin = graph.twin[e]!;
      if (twin !== NO_EDGE && twin < e) continue; // indexed through its twin
      itemAccess[e] = graph.access[e]! | (twin === NO_EDGE ? 0 : graph.access[twin]!);
      items.push(e);
    }
    const grid = gridShape(x, y, items.length, cellSizeM);
    const { cellStart, cellItems } = fillCells(graph, x, y, items, grid);
    return new EdgeSpatialIndex(graph, projection, x, y, itemAccess, grid, cellStart, cellItems);
  }

  nearest(lat: number, lon: number, query: NearestEdgeQuery): EdgeCandidate[] {
    const limit = Math.max(1, query.limit ?? 1);
    const mask = query.modeMask ?? 0xff;
    const qx = projectX(this.projection, lon);
    const qy = projectY(this.projection, lat);
    const { cols, rows, minX, minY, cellSize } = this.grid;
    const cx = Math.floor((qx - minX) / cellSize);
    const cy = Math.floor((qy - minY) / cellSize);
    const found: Hit[] = [];
    const maxRing = Math.ceil(query.radiusM / cellSize) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let j = Math.max(0, cy - ring); j <= Math.min(rows - 1, cy + ring); j++) {
        if (j === cy - ring || j === cy + ring) {
          for (let i = Math.max(0, cx - ring); i <= Math.min(cols - 1, cx + ring); i++) this.scanCell(j * cols + i, qx, qy, query.radiusM, mask, limit, found);
        } else {
          if (cx - ring >= 0 && cx - ring < cols) this.scanCell(j * cols + cx - ring, qx, qy, query.radiusM, mask, limit, found);
          if (cx + ring >= 0 && cx + ring < cols) this.scanCell(j * cols + cx + ring, qx, qy, query.radiusM, mask, limit, found);
        }
      }
      // Anything not yet scanned lies outside this square of cells: stop when the worst hit is closer than its edge.
      const clearance = Math.min(
        qx - (minX + (cx - ring) * cellSize),
        minX + (cx + ring + 1) * cellSize - qx,
        qy - (minY + (cy - ring) * cellSize),
        minY + (cy + ring + 1) * cellSize - qy,
      );
      if (found.length >= limit && found[found.length - 1]!.distance <= clearance) break;
    }
    return found.map((hit) => this.toCandidate(hit));
  }

  private scanCell(cell: number, qx: number, qy: number, radius: number, mask: number, limit: number, found: Hit[]): void {
    const { graph, x, y } = this;
    for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
      const edge = this.cellItems[k]!;
      if ((this.itemAccess[edge]! & mask) === 0) continue;
      const a = graph.sources[edge]!;
      const b = graph.targets[edge]!;
      const ax = x[a]!;
      const ay = y[a]!;
      const dx = x[b]! - ax;
      const dy = y[b]! - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((qx - ax) * dx + (qy - ay) * dy) / len2)) : 0;
      const px = ax + t * dx;
      const py = ay + t * dy;
      const ex = qx - px;
      const ey = qy - py;
      // Math.hypot is several times slower than this in V8, and this loop runs for every snap.
      const distance = Math.sqrt(ex * ex + ey * ey);
      if (distance > radius) continue;
      if (found.length >= limit && distance >= found[found.length - 1]!.distance) continue;
      insertHit(found, { edge, fraction: t, px, py, distance }, limit);
    }
  }

  private toCandidate(hit: Hit): EdgeCandidate {
    const lat = unprojectLat(this.projection, hit.py);
    const lon = unprojectLon(this.projection, hit.px);
    return { edge: hit.edge, fraction: hit.fraction, lat, lon, distanceM: hit.distance };
  }
}

interface Hit {
  edge: number;
  fraction: number;
  px: number;
  py: number;
  distance: number;
}

/** Keeps `found` sorted, distinct by edge, and no longer than limit. */
function insertHit(found: Hit[], hit: Hit, limit: number): void {
  if (found.length >= limit && hit.distance >= found[found.length - 1]!.distance) return;
  if (found.some((h) => h.edge === hit.edge)) return; // same segment seen in another cell
  let at = found.length;
  while (at > 0 && found[at - 1]!.distance > hit.distance) at--;
  found.splice(at, 0, hit);
  if (found.length > limit) found.pop();
}
