import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real OSM extracts live beside the checkout in ../shared/osm (CI and developer
 * machines), never in the repository. From server/test/routing/ that is four levels up.
 */
export const OSM_DIR = fileURLToPath(new URL('../../../../../../shared/osm/', import.meta.url));

export function extractPath(file: string): string {
  return `${OSM_DIR}${file}`;
}

/** True when the extract is present; otherwise says clearly why its tests are skipped. */
export function hasExtract(file: string): boolean {
  const present = existsSync(extractPath(file));
  if (!present) console.warn(`[routing] SKIPPED: ${extractPath(file)} not found — real-map tests need the ../shared/osm folder beside the checkout.`);
  return present;
}
