import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltTile } from './tile-pyramid.js';

/** What a cached basemap says about itself (index.json beside tiles.bin). */
export interface TileArchiveMeta {
  readonly key: string;
  readonly bounds: [number, number, number, number];
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly openStreetMap: boolean;
  readonly featureCount: number;
  readonly tileCount: number;
  readonly bytes: number;
  readonly buildMs: number;
}

interface IndexFile extends TileArchiveMeta {
  /** "z/x/y" → [offset, length, etag] in tiles.bin */
  readonly tiles: Record<string, [number, number, string]>;
}

/** A whole basemap in memory: one buffer of gzipped tiles and an index into it. */
export class TileArchive {
  constructor(
    readonly meta: TileArchiveMeta,
    private readonly index: Readonly<Record<string, [number, number, string]>>,
    private readonly data: Buffer,
  ) {}

  tile(z: number, x: number, y: number): { gzipped: Buffer; etag: string } | null {
    const entry = this.index[`${z}/${x}/${y}`];
    if (!entry) return null;
    return { gzipped: this.data.subarray(entry[0], entry[0] + entry[1]), etag: entry[2] };
  }
}

/** Reads a cached archive; null when it is missing or unreadable (then it is rebuilt). */
export async function readTileArchive(dir: string): Promise<TileArchive | null> {
  try {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as IndexFile;
    const data = await readFile(join(dir, 'tiles.bin'));
    if (data.length !== index.bytes) return null;
    const { tiles, ...meta } = index;
    return new TileArchive(meta, tiles, data);
  } catch {
    return null;
  }
}

/**
 * Writes tiles as they are cut into a temporary folder, then renames it into place, so a
 * crash mid-build never leaves a half archive that a restart would trust.
 */
export async function writeTileArchive(
  dir: string,
  tiles: AsyncIterable<BuiltTile>,
  meta: Omit<TileArchiveMeta, 'tileCount' | 'bytes' | 'buildMs'>,
  started: number,
): Promise<TileArchive> {
  const chunks: Uint8Array[] = [];
  const index: Record<string, [number, number, string]> = {};
  let offset = 0;
  for await (const tile of tiles) {
    index[`${tile.z}/${tile.x}/${tile.y}`] = [offset, tile.gzipped.length, tile.etag];
    chunks.push(tile.gzipped);
    offset += tile.gzipped.length;
  }
  const data = Buffer.concat(chunks);
  const full: TileArchiveMeta = { ...meta, tileCount: Object.keys(index).length, bytes: data.length, buildMs: Math.round(performance.now() - started) };
  const temporary = `${dir}.${process.pid}.tmp`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  await writeFile(join(temporary, 'tiles.bin'), data);
  await writeFile(join(temporary, 'index.json'), JSON.stringify({ ...full, tiles: index }));
  await rm(dir, { recursive: true, force: true });
  await rename(temporary, dir);
  return new TileArchive(full, index, data);
}
