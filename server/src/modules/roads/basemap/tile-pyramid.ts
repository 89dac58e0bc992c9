import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { BASEMAP_MAX_ZOOM, BASEMAP_MIN_ZOOM, type BasemapFeature, type BasemapSource } from './basemap-layers.js';

/** One cut tile: gzipped Mapbox Vector Tile bytes and their ETag. */
export interface BuiltTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly gzipped: Uint8Array;
  readonly etag: string;
}

/** Tile coordinates covering (west, south, east, north) at zoom z (Web Mercator, XYZ scheme). */
export function tileRange(bounds: readonly [number, number, number, number], z: number): { minX: number; maxX: number; minY: number; maxY: number } {
  const n = 2 ** z;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  const x = (lon: number) => clamp(Math.floor(((lon + 180) / 360) * n));
  const y = (lat: number) => {
    const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
    return clamp(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
  };
  return { minX: x(bounds[0]), maxX: x(bounds[2]), minY: y(bounds[3]), maxY: y(bounds[1]) };
}

interface FeatureGroup {
  readonly layer: string;
  readonly minzoom: number;
  readonly index: GeoJSONVT;
}

/**
 * Cuts the basemap into tiles for zooms 10–16 with geojson-vt (clipping and simplifying per
 * zoom) and encodes each with vt-pbf. Features are grouped by (layer, first zoom), one
 * geojson-vt index a group, so a z12 tile never carries footpaths or shops. Empty tiles are
 * not stored. Yields to the event loop between tiles: the server keeps serving while a
 * large extract is cut.
 */
export async function* buildTiles(source: BasemapSource): AsyncGenerator<BuiltTile> {
  const groups = groupFeatures(source.features);
  let sinceYield = 0;
  for (let z = BASEMAP_MIN_ZOOM; z <= BASEMAP_MAX_ZOOM; z++) {
    const range = tileRange(source.bounds, z);
    const active = groups.filter((g) => g.minzoom <= z);
    for (let x = range.minX; x <= range.maxX; x++) {
      for (let y = range.minY; y <= range.maxY; y++) {
        const layers: Record<string, GeoJSONVTTile> = {};
        for (const group of active) {
          const tile = group.index.getTile(z, x, y);
          if (!tile || tile.features.length === 0) continue;
          const existing = layers[group.layer];
          layers[group.layer] = existing ? { ...existing, features: [...existing.features, ...tile.features] } : tile;
        }
        if (Object.keys(layers).length > 0) {
          const gzipped = gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 }), { level: 6 });
          yield { z, x, y, gzipped, etag: createHash('sha1').update(gzipped).digest('base64url').slice(0, 22) };
        }
        if (++sinceYield >= 32) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
  }
}

function groupFeatures(features: readonly BasemapFeature[]): FeatureGroup[] {
  const byKey = new Map<string, { layer: string; minzoom: number; features: object[] }>();
  for (const f of features) {
    const key = `${f.layer}/${f.minzoom}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { layer: f.layer, minzoom: f.minzoom, features: [] }));
    group.features.push({ type: 'Feature', properties: f.properties, geometry: f.geometry });
  }
  return [...byKey.values()].map((g) => ({
    layer: g.layer,
    minzoom: g.minzoom,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: g.features } as ConstructorParameters<typeof GeoJSONVT>[0], {
      maxZoom: BASEMAP_MAX_ZOOM,
      indexMaxZoom: 5,
      indexMaxPoints: 100_000,
      tolerance: 3,
      extent: 4096,
      buffer: 64,
    }),
  }));
}
