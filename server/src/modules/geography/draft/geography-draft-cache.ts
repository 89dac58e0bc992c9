import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { GeographyDraftSchema, type GeographyDraft } from '@lianfang/shared';
import { Value } from '@sinclair/typebox/value';
import { osmCachePath } from '../../roads/osm/graph-cache.js';
import { readGeographyDraft } from './geography-draft.js';

/** Bump when what the draft is made of changes (tags, levels, tiling), so older caches are rebuilt. */
export const GEOGRAPHY_DRAFT_VERSION = 2;

/**
 * The extract's geography draft: from the cache beside the road graph (same folder, same key
 * rules as the graph and the place index), else read from the extract and cached. Read only when
 * an administrator asks for it, never at start.
 */
export async function loadGeographyDraft(osmPath: string, cacheDir: string): Promise<GeographyDraft> {
  const cachePath = await osmCachePath(osmPath, cacheDir, [GEOGRAPHY_DRAFT_VERSION], 'geo-draft.json');
  const cached = await readCached(cachePath);
  if (cached) return cached;
  const draft = await readGeographyDraft(osmPath);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cachePath}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(draft));
  await rename(temporary, cachePath); // atomic: a crash never leaves a half file a restart would trust
  return draft;
}

async function readCached(path: string): Promise<GeographyDraft | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return Value.Check(GeographyDraftSchema, parsed) ? parsed : null;
  } catch {
    return null; // missing or unreadable: rebuild and overwrite
  }
}
