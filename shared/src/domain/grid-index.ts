import Flatbush from 'flatbush';
import type { Ring } from '../schemas/geo.js';
import { AREA_LEVEL_RANK } from './point-in-ring.js';

/**
 * Bounding boxes are widened by this much (degrees, ~1 mm) so that a point the
 * ray cast counts as inside is never dropped by the box test through rounding
 * in the edge intersection.
 */
const BOX_SLACK = 1e-8;

type Area = { level: keyof typeof AREA_LEVEL_RANK; ring: Ring };

/** One level's static R-tree; `ids[k]` is the position in the caller's array of the tree's item k. */
interface LevelTree {
  tree: Flatbush;
  ids: Uint32Array;
}

/**
 * Point-in-grid through static R-trees (flatbush) over the areas' bounding boxes:
 * a prefecture has ~20,000 grids, and every fix and incident asks which one it is
 * in. Same answer as `findContainingArea` on the same array (lowest level wins,
 * and among equals the first in the array), so callers switch without a change in
 * behaviour. One tree per level, searched grid first: most points are in a grid,
 * and then the long street and community outlines are never ray-cast.
 * Static: built once per grid set, rebuilt when it changes.
 */
export class GridIndex<T extends Area> {
  private readonly levels: LevelTree[] = [];
  /** Every ring's [lon, lat] pairs in one typed array (area i spans `starts[i]`..`starts[i + 1]`): no pointer chasing per vertex. */
  private readonly coords: Float64Array;
  private readonly starts: Uint32Array;

  constructor(private readonly areas: readonly T[]) {
    this.starts = new Uint32Array(areas.length + 1);
    areas.forEach((a, i) => (this.starts[i + 1] = this.starts[i]! + 2 * a.ring.length));
    this.coords = new Float64Array(this.starts[areas.length]!);
    areas.forEach((a, i) => a.ring.forEach(([x, y], k) => this.coords.set([x, y], this.starts[i]! + 2 * k)));
    const byRank: number[][] = [];
    areas.forEach((a, i) => (byRank[AREA_LEVEL_RANK[a.level]] ??= []).push(i));
    for (const members of byRank) {
      // Flatbush refuses an empty set; a level with no areas simply has no tree.
      if (!members || members.length === 0) continue;
      const tree = new Flatbush(members.length);
      for (const i of members) addBox(tree, areas[i]!.ring);
      tree.finish();
      this.levels.push({ tree, ids: Uint32Array.from(members) });
    }
  }

  get size(): number {
    return this.areas.length;
  }

  /** The most local area containing the point, or null. */
  find(lon: number, lat: number): T | null {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    for (const { tree, ids } of this.levels) {
      let best = -1;
      // The filter runs per box hit: testing the ring there spares a second pass over a result array.
      tree.search(lon, lat, lon, lat, (k) => {
        const i = ids[k]!;
        if ((best < 0 || i < best) && this.contains(i, lon, lat)) best = i;
        return false;
      });
      if (best >= 0) return this.areas[best]!;
    }
    return null;
  }

  /** `pointInRing` on the packed copy: the same arithmetic in the same order, so the same answer to the bit. */
  private contains(i: number, lon: number, lat: number): boolean {
    const c = this.coords;
    const start = this.starts[i]!;
    const end = this.starts[i + 1]!;
    if (end === start) return false;
    let inside = false;
    for (let a = start, b = end - 2; a < end; b = a, a += 2) {
      const ax = c[a]!;
      const ay = c[a + 1]!;
      const bx = c[b]!;
      const by = c[b + 1]!;
      if (ay > lat !== by > lat && lon < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside;
  }
}

function addBox(tree: Flatbush, ring: Ring): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  // A ring with no points gets a box that no finite point can hit.
  if (minX > maxX) tree.add(Infinity, Infinity, Infinity, Infinity);
  else tree.add(minX - BOX_SLACK, minY - BOX_SLACK, maxX + BOX_SLACK, maxY + BOX_SLACK);
}
