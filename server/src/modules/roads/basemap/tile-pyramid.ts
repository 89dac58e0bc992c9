import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { BASEMAP_MAX_ZOOM, BASEMAP_MIN_ZOOM, geometryBounds, type BasemapFeature, type BasemapSource } from './basemap-layers.js';

/** One cut tile: gzipped Mapbox Vector Tile bytes and their ETag. */
export interface BuiltTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly gzipped: Uint8Array;
  readonly etag: string;
}

type Box = readonly [number, number, number, number];
interface TileRange {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Tile coordinates covering (west, south, east, north) at zoom z (Web Mercator, XYZ scheme). */
export function tileRange(bounds: Box, z: number): TileRange {
  const n = 2 ** z;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  const x = (lon: number) => clamp(Math.floor(((lon + 180) / 360) * n));
  const y = (lat: number) => {
    const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
    return clamp(Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n));
  };
  return { minX: x(bounds[0]), maxX: x(bounds[2]), minY: y(bounds[3]), maxY: y(bounds[1]) };
}

/** (west, south, east, north) of tile z/x/y. */
function tileBox(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/**
 * Zooms 10–11 are cut from one index over everything; from here on, block by block (one
 * z12 tile and all its children at a time), so geojson-vt, which keeps every tile it has
 * cut, holds one block's tiles instead of the whole extract's.
 */
const BLOCK_ZOOM = 12;

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
  const pause = pauser();
  const wide = groupFeatures(source.features, BLOCK_ZOOM - 1);
  for (let z = BASEMAP_MIN_ZOOM; z < BLOCK_ZOOM; z++) {
    for (const tile of cutRange(wide, z, tileRange(source.bounds, z))) {
      yield tile;
      await pause();
    }
  }
  const boxes = source.features.map((f) => geometryBounds(f.geometry));
  const blocks = tileRange(source.bounds, BLOCK_ZOOM);
  for (let bx = blocks.minX; bx <= blocks.maxX; bx++) {
    for (let by = blocks.minY; by <= blocks.maxY; by++) {
      // geojson-vt clips with a buffer (64/4096 of a tile): take features that far around the block.
      const [w, s, e, n] = tileBox(BLOCK_ZOOM, bx, by);
      const mx = (e - w) / 32;
      const my = (n - s) / 32;
      const inBlock = source.features.filter((_, i) => {
        const b = boxes[i]!;
        return b[0] <= e + mx && b[2] >= w - mx && b[1] <= n + my && b[3] >= s - my;
      });
      if (inBlock.length === 0) continue;
      const groups = groupFeatures(inBlock, BASEMAP_MAX_ZOOM);
      for (let z = BLOCK_ZOOM; z <= BASEMAP_MAX_ZOOM; z++) {
        const scale = 2 ** (z - BLOCK_ZOOM);
        const all = tileRange(source.bounds, z);
        const range = {
          minX: Math.max(all.minX, bx * scale),
          maxX: Math.min(all.maxX, (bx + 1) * scale - 1),
          minY: Math.max(all.minY, by * scale),
          maxY: Math.min(all.maxY, (by + 1) * scale - 1),
        };
        for (const tile of cutRange(groups, z, range)) {
          yield tile;
          await pause();
        }
      }
      await pause(true);
    }
  }
}

/** Every non-empty tile of zoom z in the range, encoded. */
function* cutRange(groups: readonly FeatureGroup[], z: number, range: TileRange): Generator<BuiltTile> {
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
      if (Object.keys(layers).length === 0) continue;
      const gzipped = gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 }), { level: 6 });
      yield { z, x, y, gzipped, etag: createHash('sha1').update(gzipped).digest('base64url').slice(0, 22) };
    }
  }
}

/** Gives the event loop a turn every 32 tiles (or now, when forced). */
function pauser(): (force?: boolean) => Promise<void> {
  let count = 0;
  return async (force = false) => {
    if (!force && ++count < 32) return;
    count = 0;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

function groupFeatures(features: readonly BasemapFeature[], maxZoom: number): FeatureGroup[] {
  const byKey = new Map<string, { layer: string; minzoom: number; features: object[] }>();
  for (const f of features) {
    if (f.minzoom > maxZoom) continue;
    const key = `${f.layer}/${f.minzoom}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { layer: f.layer, minzoom: f.minzoom, features: [] }));
    group.features.push({ type: 'Feature', properties: f.properties, geometry: f.geometry });
  }
  return [...byKey.values()].map((g) => ({
    layer: g.layer,
    minzoom: g.minzoom,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: g.features } as ConstructorParameters<typeof GeoJSONVT>[0], {
      maxZoom,
      indexMaxZoom: Math.min(5, maxZoom),
      indexMaxPoints: 100_000,
      tolerance: 3,
      extent: 4096,
      buffer: 64,
    }),
  }));
}
