import { type LocationText, type Place } from '@lianfang/shared';
import { livePlaceEntries, liveSignature, type LiveGeography } from './live-places.js';
import { locationText } from './location-text.js';
import type { PlaceSource } from './place-source.js';
import { PlaceSearchIndex, type PlaceEntry } from './place-search-index.js';
import { ReverseGeocoder } from './reverse-geocoder.js';
import { boxOf } from './street-assembly.js';

/** Rebuild the live part at least this often even when its signature did not change (a renamed grid keeps the array). */
const LIVE_MAX_AGE_MS = 30_000;

/**
 * The place search and reverse geocoding of one instance: the extract's places (built once)
 * and the live geography (re-indexed when it changed, on the next search).
 */
export class PlaceDirectory {
  private readonly index = new PlaceSearchIndex();
  private readonly geocoder: ReverseGeocoder;
  private liveIds: number[] = [];
  private liveKey: unknown[] = [];
  private liveBuiltAt = 0;

  constructor(
    source: PlaceSource,
    private readonly picture: LiveGeography,
  ) {
    this.geocoder = new ReverseGeocoder(source);
    source.streets.forEach((s, i) =>
      this.index.add({ id: `street:${i}`, kind: 'street', name: s.name, nameEn: s.nameEn, ...representative(s.lines), lines: s.lines }),
    );
    source.crossings.forEach((c, i) => this.index.add({ id: `crossing:${i}`, kind: 'crossing', name: c.name, nameEn: c.nameEn, lat: c.lat, lon: c.lon }));
    source.pois.forEach((p, i) => this.index.add({ id: `poi:${i}`, kind: 'poi', name: p.name, nameEn: p.nameEn, lat: p.lat, lon: p.lon }));
    source.addresses.forEach((a, i) => this.index.add({ id: `address:${i}`, kind: 'address', name: a.name, nameEn: a.nameEn, lat: a.lat, lon: a.lon }));
  }

  get size(): number {
    return this.index.size;
  }

  search(q: string, near: { lat: number; lon: number } | null, limit: number): Place[] {
    this.refreshLive();
    return this.index.search(q, near, limit).map((hit) => ({
      id: hit.entry.id,
      kind: hit.entry.kind,
      name: hit.entry.name,
      nameEn: hit.entry.nameEn,
      ...this.currentPoint(hit.entry, hit),
      distanceM: hit.distanceM === null ? null : Math.round(hit.distanceM),
    }));
  }

  /** Where a point is in words: nearest named street, nearest crossing or named place within ~100 m, its grid. */
  describe(lat: number, lon: number, gridId?: string | null): LocationText | null {
    const grid = gridId === undefined ? this.picture.gridAt(lon, lat) : gridId === null ? null : this.picture.grids.find((g) => g.id === gridId);
    return locationText(this.geocoder.nearestStreet(lat, lon), this.geocoder.nearPlace(lat, lon), grid?.name ?? null);
  }

  private refreshLive(): void {
    const key = liveSignature(this.picture);
    const fresh = Date.now() - this.liveBuiltAt < LIVE_MAX_AGE_MS;
    if (fresh && key.length === this.liveKey.length && key.every((v, i) => v === this.liveKey[i])) return;
    for (const id of this.liveIds) this.index.remove(id);
    this.liveIds = livePlaceEntries(this.picture).map((entry) => this.index.add(entry));
    this.liveKey = key;
    this.liveBuiltAt = Date.now();
  }

  /** A unit has moved since it was indexed: show where it is now. */
  private currentPoint(entry: PlaceEntry, hit: { lat: number; lon: number }): { lat: number; lon: number } {
    if (entry.kind !== 'unit') return { lat: hit.lat, lon: hit.lon };
    const position = this.picture.units.get(entry.id.slice('unit:'.length))?.position;
    return position ? { lat: position.lat, lon: position.lon } : { lat: hit.lat, lon: hit.lon };
  }
}

/** A street's vertex nearest the middle of its extent: on the street, roughly halfway along. */
function representative(lines: readonly (readonly number[])[]): { lat: number; lon: number } {
  const [minLon, minLat, maxLon, maxLat] = boxOf(...lines);
  const midLon = (minLon + maxLon) / 2;
  const midLat = (minLat + maxLat) / 2;
  let best = { lat: midLat, lon: midLon };
  let bestD = Infinity;
  for (const line of lines) {
    for (let i = 0; i < line.length; i += 2) {
      const d = (line[i]! - midLon) ** 2 + (line[i + 1]! - midLat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = { lat: line[i + 1]!, lon: line[i]! };
      }
    }
  }
  return best;
}
