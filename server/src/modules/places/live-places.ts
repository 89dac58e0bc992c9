import type { Ring } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import type { PlaceEntry } from './place-search-index.js';

/** What the live part of the index reads from the live picture. */
export type LiveGeography = Pick<LivePicture, 'grids' | 'gridAt' | 'stations' | 'keyAreas' | 'units'>;

/** Grids, stations, key areas and units as places, from the live picture (their names can change at any time). */
export function livePlaceEntries(picture: LiveGeography): PlaceEntry[] {
  const entries: PlaceEntry[] = [];
  for (const grid of picture.grids) entries.push({ id: `grid:${grid.id}`, kind: 'grid', name: grid.name, nameEn: null, ...centreOf(grid.ring) });
  for (const station of picture.stations)
    entries.push({ id: `station:${station.id}`, kind: 'station', name: station.name, nameEn: null, lat: station.lat, lon: station.lon });
  for (const area of picture.keyAreas.values())
    entries.push({ id: `key_area:${area.id}`, kind: 'key_area', name: area.name, nameEn: null, ...centreOf(area.ring) });
  for (const unit of picture.units.values()) {
    if (unit.position) entries.push({ id: `unit:${unit.id}`, kind: 'unit', name: unit.callsign, nameEn: null, lat: unit.position.lat, lon: unit.position.lon });
  }
  return entries;
}

/**
 * What the live part of the index was built from. Grids and stations are replaced as a whole
 * when they change (the slice reloads them); key areas and units are counted and their names
 * summed up, so a rename or a unit's first fix rebuilds the live part on the next search.
 */
export function liveSignature(picture: LiveGeography): unknown[] {
  let names = 0;
  for (const unit of picture.units.values()) names += unit.position ? unit.callsign.length + 1 : 0;
  for (const area of picture.keyAreas.values()) names += area.name.length;
  return [picture.grids, picture.stations, picture.keyAreas.size, picture.units.size, names];
}

/** The vertex average: a point inside any reasonably shaped grid, good enough to fly to. */
function centreOf(ring: Ring): { lat: number; lon: number } {
  let lat = 0;
  let lon = 0;
  for (const [x, y] of ring) {
    lon += x;
    lat += y;
  }
  return { lat: lat / ring.length, lon: lon / ring.length };
}
