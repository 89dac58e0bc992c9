import { GridIndex, type Grid, type KeyArea, type Station, type Unit } from '@lianfang/shared';
import { readPlaceSource } from '../../../src/modules/places/place-source-cache.js';
import { PlaceDirectory } from '../../../src/modules/places/place-directory.js';
import type { LiveGeography } from '../../../src/modules/places/live-places.js';
import { extractPath } from '../roads/osm/osm-extracts.js';

/** The live part of the index as plain collections (what the live picture holds), so extract tests need no server. */
export function liveGeography(parts: { grids?: Grid[]; stations?: Station[]; keyAreas?: KeyArea[]; units?: Unit[] } = {}): LiveGeography {
  const grids = parts.grids ?? [];
  const index = new GridIndex(grids);
  return {
    grids,
    gridAt: (lon, lat) => index.find(lon, lat),
    stations: parts.stations ?? [],
    keyAreas: new Map((parts.keyAreas ?? []).map((a) => [a.id, a])),
    units: new Map((parts.units ?? []).map((u) => [u.id, u])),
  };
}

export async function directoryOf(file: string, live: LiveGeography = liveGeography()): Promise<PlaceDirectory> {
  return new PlaceDirectory(await readPlaceSource(extractPath(file)), live);
}
