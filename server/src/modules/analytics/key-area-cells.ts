import type { Ring } from '@lianfang/shared';

/**
 * Coarse cells of 0.01° (about 1.1 km north–south) that let PostgreSQL match fixes
 * to key areas with a hash join instead of testing every fix against every area
 * (without PostGIS there is no spatial index to ask). A fix's cell is
 * (floor(lat × 100), floor(lon × 100)), computed the same way here and in SQL, so a
 * fix inside an area's bounding box always lands in one of the area's cells.
 */
export const CELLS_PER_DEGREE = 100;

/** One row per (area, cell), with the area's bounding box so the cheap box test runs where the fixes are read. */
export interface AreaCells {
  areaIds: string[];
  ys: number[];
  xs: number[];
  minLat: number[];
  maxLat: number[];
  minLon: number[];
  maxLon: number[];
}

const cellOf = (degrees: number) => Math.floor(degrees * CELLS_PER_DEGREE);

export function areaCells(areas: readonly { id: string; ring: Ring }[]): AreaCells {
  const out: AreaCells = { areaIds: [], ys: [], xs: [], minLat: [], maxLat: [], minLon: [], maxLon: [] };
  for (const area of areas) {
    const lats = area.ring.map((p) => p[1]);
    const lons = area.ring.map((p) => p[0]);
    const box = { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLon: Math.min(...lons), maxLon: Math.max(...lons) };
    for (let y = cellOf(box.minLat); y <= cellOf(box.maxLat); y++) {
      for (let x = cellOf(box.minLon); x <= cellOf(box.maxLon); x++) {
        out.areaIds.push(area.id);
        out.ys.push(y);
        out.xs.push(x);
        out.minLat.push(box.minLat);
        out.maxLat.push(box.maxLat);
        out.minLon.push(box.minLon);
        out.maxLon.push(box.maxLon);
      }
    }
  }
  return out;
}
