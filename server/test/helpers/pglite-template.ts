import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';

/**
 * Where the server keeps PGlite under DATA_DIR (compose.ts). A new PGlite directory costs an initdb
 * (about 5 s on two cores) and the migrations (about 1 s); a copy of one made earlier costs 0.1 s.
 */
const PGLITE_SUBDIR = 'pglite';

/** A data directory holding a freshly migrated, empty PGlite: made once per test run by a global setup. */
export async function makePgliteTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-pglite-template-'));
  const db = await createPgliteDatabase(join(dir, PGLITE_SUBDIR));
  await migrate(db);
  await db.close();
  return dir;
}

/**
 * Gives a new DATA_DIR the template's database, so the server starts as on an empty, migrated
 * database without paying for initdb. A directory that already has a database is left as it is
 * (restart tests reuse theirs).
 */
export function seedPgliteDataDir(dataDir: string, template: string | undefined): void {
  if (!template || existsSync(join(dataDir, PGLITE_SUBDIR))) return;
  cpSync(join(template, PGLITE_SUBDIR), join(dataDir, PGLITE_SUBDIR), { recursive: true });
}
