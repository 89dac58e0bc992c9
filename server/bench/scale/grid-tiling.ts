import type { GridLevel, Ring } from '@lianfang/shared';

/** One area of the generated prefecture, shaped like a Grid where the lookup cares. */
export interface TiledArea {
  id: string;
  level: GridLevel;
  parentId: string | null;
  ring: Ring;
}

export interface TilingShape {
  /** streets across × down */
  streets: [number, number];
  /** communities per street, across × down */
  communities: [number, number];
  /** grids per community, across × down */
  grids: [number, number];
  /** one grid's side in degrees (0.002° ≈ 200 m) */
  cellDeg: number;
  /** points on each grid edge between its corners: real grid outlines follow streets, they are not squares */
  edgePoints: number;
  origin: [number, number];
}

/** 5×4 streets × 5×5 communities × 8×5 grids = 20,000 grids (plus 500 communities and 20 streets). */
export const PREFECTURE_TILING: TilingShape = { streets: [5, 4], communities: [5, 5], grids: [8, 5], cellDeg: 0.002, edgePoints: 3, origin: [118.6, 31.9] };

/** Deterministic jitter in [-0.5, 0.5) from lattice coordinates, so neighbours share exactly the same edge. */
function jitter(a: number, b: number, c: number): number {
  let h = Math.imul(a * 73856093 + b * 19349663 + c * 83492791, 2654435761);
  h ^= h >>> 15;
  h = Math.imul(h, 2246822519);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296 - 0.5;
}

/**
 * A generated prefecture: street → community → grid, each level the union of the
 * cells below it, on a jittered lattice whose edges carry intermediate points, so
 * rings are irregular and neighbours meet edge to edge with no gap or overlap.
 */
export function prefectureTiling(shape: TilingShape = PREFECTURE_TILING): TiledArea[] {
  const { cellDeg, edgePoints, origin } = shape;
  const gx = shape.grids[0];
  const gy = shape.grids[1];
  const cx = shape.communities[0] * gx;
  const cy = shape.communities[1] * gy;
  const cols = shape.streets[0] * cx;
  const rows = shape.streets[1] * cy;
  // Corners stay inside ±30 % of a cell; outer corners of the whole tiling stay put.
  const corner = (i: number, j: number): [number, number] => {
    const inner = i > 0 && j > 0 && i < cols && j < rows;
    return [origin[0] + (i + (inner ? 0.6 * jitter(i, j, 1) : 0)) * cellDeg, origin[1] + (j + (inner ? 0.6 * jitter(i, j, 2) : 0)) * cellDeg];
  };
  // Points strictly between lattice corners (i,j)→(i+di,j+dj), a unit step, walked in that direction.
  // Computed from the lower corner so the edge is the same points whichever cell walks it.
  const between = (i: number, j: number, di: number, dj: number): [number, number][] => {
    const [li, lj, ui, uj] = [Math.min(i, i + di), Math.min(j, j + dj), Math.abs(di), Math.abs(dj)];
    const [a, b] = [corner(li, lj), corner(li + ui, lj + uj)];
    const out: [number, number][] = [];
    for (let k = 1; k <= edgePoints; k++) {
      const t = k / (edgePoints + 1);
      const bend = 0.15 * cellDeg * jitter(li * 7 + k, lj, ui ? 3 : 4);
      out.push([a[0] + (b[0] - a[0]) * t + (uj ? bend : 0), a[1] + (b[1] - a[1]) * t + (ui ? bend : 0)]);
    }
    return di < 0 || dj < 0 ? out.reverse() : out;
  };
  // The outline of the block of cells [i0, i1) × [j0, j1), counter-clockwise.
  const outline = (i0: number, j0: number, i1: number, j1: number): Ring => {
    const ring: [number, number][] = [];
    const walk = (i: number, j: number, di: number, dj: number, steps: number): void => {
      for (let s = 0; s < steps; s++, i += di, j += dj) ring.push(corner(i, j), ...between(i, j, di, dj));
    };
    walk(i0, j0, 1, 0, i1 - i0);
    walk(i1, j0, 0, 1, j1 - j0);
    walk(i1, j1, -1, 0, i1 - i0);
    walk(i0, j1, 0, -1, j1 - j0);
    return ring;
  };
  const areas: TiledArea[] = [];
  for (let si = 0; si < shape.streets[0]; si++) {
    for (let sj = 0; sj < shape.streets[1]; sj++) {
      const streetId = `s${si}-${sj}`;
      areas.push({ id: streetId, level: 'street', parentId: null, ring: outline(si * cx, sj * cy, (si + 1) * cx, (sj + 1) * cy) });
      for (let ci = 0; ci < shape.communities[0]; ci++) {
        for (let cj = 0; cj < shape.communities[1]; cj++) {
          const communityId = `${streetId}/c${ci}-${cj}`;
          const i0 = si * cx + ci * gx;
          const j0 = sj * cy + cj * gy;
          areas.push({ id: communityId, level: 'community', parentId: streetId, ring: outline(i0, j0, i0 + gx, j0 + gy) });
          for (let a = 0; a < gx; a++) {
            for (let b = 0; b < gy; b++) {
              areas.push({ id: `${communityId}/g${a}-${b}`, level: 'grid', parentId: communityId, ring: outline(i0 + a, j0 + b, i0 + a + 1, j0 + b + 1) });
            }
          }
        }
      }
    }
  }
  return areas;
}

/** The tiling's extent [minLon, minLat, maxLon, maxLat]. */
export function tilingBox(shape: TilingShape = PREFECTURE_TILING): [number, number, number, number] {
  const w = shape.streets[0] * shape.communities[0] * shape.grids[0] * shape.cellDeg;
  const h = shape.streets[1] * shape.communities[1] * shape.grids[1] * shape.cellDeg;
  return [shape.origin[0], shape.origin[1], shape.origin[0] + w, shape.origin[1] + h];
}
