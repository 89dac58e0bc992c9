import type { GridFeature, Ring } from '@lianfang/shared';
import { gridFeature } from './draft-rings.js';

/** A community tile's side; a street is STREET_TILES × STREET_TILES of them. */
const TILE_M = 1000;
const STREET_TILES = 3;
/** Margin around the roads' extent, so a road at its very edge never gets a sliver of a tile. */
const MARGIN_M = 50;
/** A whole province as ROAD_NETWORK: tiles grow (2 km, 4 km …) until the draft stays a size a person can edit. */
const MAX_TILES = 4000;
const M_PER_DEG_LAT = 111_320;

/**
 * The fallback when the extract has no usable boundaries: a regular tiling of ~1 km squares
 * (communities) grouped 3 × 3 into streets, aligned to the roads' extent and clipped to it, kept
 * only where a road point lies in the tile. Squares nest exactly, so every community is inside
 * its street. Names read like a map's index: street "B3" (rows from the north), community "B3-5"
 * (its place in the street, 1–9 in reading order); codes are `TILE-B3`, `TILE-B3-5`.
 */
export function tilingGrids(roadPoints: readonly number[]): GridFeature[] {
  if (roadPoints.length < 2) return [];
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < roadPoints.length; i += 2) {
    minLon = Math.min(minLon, roadPoints[i]!);
    maxLon = Math.max(maxLon, roadPoints[i]!);
    minLat = Math.min(minLat, roadPoints[i + 1]!);
    maxLat = Math.max(maxLat, roadPoints[i + 1]!);
  }
  const mLat = MARGIN_M / M_PER_DEG_LAT;
  const mLon = mLat / Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  [minLon, minLat, maxLon, maxLat] = [minLon - mLon, minLat - mLat, maxLon + mLon, maxLat + mLat];

  let tileM = TILE_M;
  let tiles = tilesWithRoads(roadPoints, minLon, maxLat, tileM, mLon / mLat);
  while (tiles.size > MAX_TILES) tiles = tilesWithRoads(roadPoints, minLon, maxLat, (tileM *= 2), mLon / mLat);
  const dLat = tileM / M_PER_DEG_LAT;
  const dLon = dLat * (mLon / mLat);
  const rect = (col: number, row: number, span: number): Ring => {
    const west = minLon + col * dLon;
    const north = maxLat - row * dLat;
    const [w, e] = [Math.max(west, minLon), Math.min(west + span * dLon, maxLon)].map(round);
    const [n, s] = [Math.min(north, maxLat), Math.max(north - span * dLat, minLat)].map(round);
    return [
      [w!, s!],
      [e!, s!],
      [e!, n!],
      [w!, n!],
      [w!, s!],
    ];
  };

  const streets = new Map<string, { col: number; row: number; communities: GridFeature[] }>();
  const sorted = [...tiles].map((key) => key.split(',').map(Number) as [number, number]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const [col, row] of sorted) {
    const [sCol, sRow] = [Math.floor(col / STREET_TILES), Math.floor(row / STREET_TILES)];
    const name = `${rowLetters(sRow)}${sCol + 1}`;
    const street = streets.get(name) ?? { col: sCol, row: sRow, communities: [] };
    streets.set(name, street);
    const place = (row % STREET_TILES) * STREET_TILES + (col % STREET_TILES) + 1;
    street.communities.push(gridFeature(`TILE-${name}-${place}`, `${name}-${place}`, 'community', `TILE-${name}`, rect(col, row, 1)));
  }
  const ordered = [...streets.entries()].sort(([, a], [, b]) => a.row - b.row || a.col - b.col);
  return [
    ...ordered.map(([name, s]) => gridFeature(`TILE-${name}`, name, 'street', null, rect(s.col * STREET_TILES, s.row * STREET_TILES, STREET_TILES))),
    ...ordered.flatMap(([, s]) => s.communities.sort((a, b) => a.properties.code.localeCompare(b.properties.code, 'en', { numeric: true }))),
  ];
}

/** "col,row" of every tile (counted from the north-west corner) holding a road point. */
function tilesWithRoads(points: readonly number[], west: number, north: number, tileM: number, lonPerLat: number): Set<string> {
  const dLat = tileM / M_PER_DEG_LAT;
  const dLon = dLat * lonPerLat;
  const tiles = new Set<string>();
  for (let i = 0; i < points.length; i += 2) tiles.add(`${Math.floor((points[i]! - west) / dLon)},${Math.floor((north - points[i + 1]!) / dLat)}`);
  return tiles;
}

/** 0 → A, 25 → Z, 26 → AA: rows of a map index. */
function rowLetters(row: number): string {
  let out = '';
  for (let n = row + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const round = (v: number): number => Math.round(v * 1e7) / 1e7;
