import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate.js';
import { createPgDatabase } from '../../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../../src/db/pglite-database.js';
import type { Database } from '../../../src/db/database.js';
import { createTestDatabase } from '../../helpers/test-services.js';

// Migration 014 drops the history's foreign key for ingest speed; the index that track
// replay and crash recovery read must stay. Checked on both drivers, since the
// constraint's name comes from each database's own naming.
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function drivers(): Promise<[string, Database][]> {
  const pgTest = await createTestDatabase();
  const pgDb = createPgDatabase(pgTest.url);
  const lite = await createPgliteDatabase();
  closers.push(
    pgTest.drop,
    () => pgDb.close(),
    () => lite.close(),
  );
  return [
    ['postgresql', pgDb],
    ['pglite', lite],
  ];
}

describe('position history schema', () => {
  it('has no foreign key but keeps the (unit_id, device_time) index, on both drivers', async () => {
    for (const [name, db] of await drivers()) {
      await migrate(db);
      const fks = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'positions'::regclass AND contype = 'f'`);
      expect(fks[0]!.n, name).toBe(0);
      const idx = await db.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE tablename = 'positions' AND indexname = 'positions_unit_time_idx'`,
      );
      expect(idx[0]?.indexdef, name).toContain('(unit_id, device_time)');
      // Other tables keep theirs: only the hot history table was changed.
      const others = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'incident_units'::regclass AND contype = 'f'`,
      );
      expect(others[0]!.n, name).toBeGreaterThan(0);
    }
  });
});
