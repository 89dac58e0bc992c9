import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations, splitStatements } from '../../src/db/migrate.js';
import { createPgDatabase } from '../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import type { Database } from '../../src/db/database.js';
import { verifyTimelines } from '../../src/modules/audit/timeline-verifier.js';
import { createTestDatabase } from '../helpers/test-services.js';

const run = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** A database as it was before migration 011: schema up to 010 and timelines already written. */
async function databaseBeforeChain(db: Database): Promise<void> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const m of readMigrations().filter((m) => m.version < 11)) {
    await db.tx(async (q) => {
      for (const s of splitStatements(m.sql)) await q.query(s);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
  }
  for (const id of ['inc-a', 'inc-b']) {
    await db.query(
      "INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, created_at, updated_at) VALUES ($1, 'reported', 'fire', 'P1', 'manual', 't', 31, 121, now(), now())",
      [id],
    );
  }
  for (let i = 0; i < 6; i++) {
    await db.query('INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES ($1, now(), $2, $3, $4)', [
      i % 2 ? 'inc-b' : 'inc-a',
      'user:老王',
      `kind-${i}`,
      JSON.stringify({ i, note: '旧 🚒' }),
    ]);
  }
}

describe('timeline chain migration and verify command', () => {
  it('backfills the chain over timelines written before it (PGlite)', async () => {
    const db = await createPgliteDatabase();
    try {
      await databaseBeforeChain(db);
      expect(await migrate(db)).toContain('011_timeline_hash_chain.sql');
      const report = await verifyTimelines(db);
      expect(report).toMatchObject({ ok: true, incidents: 2, rows: 6 });
      const [first] = await db.query<{ prev_hash: string | null; hash: string }>(
        "SELECT prev_hash, hash FROM incident_events WHERE incident_id = 'inc-a' ORDER BY id LIMIT 1",
      );
      expect(first!.prev_hash).toBeNull();
      expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await db.close();
    }
  });

  it('exits 0 on intact chains and 1 naming the first broken link (PostgreSQL, the CLI as operators run it)', async () => {
    const target = await createTestDatabase();
    const db = await createPgDatabase(target.url);
    try {
      await databaseBeforeChain(db);
      await migrate(db);
      const cli = () =>
        run('npx', ['tsx', '--conditions=lianfang-src', 'src/cli/verify-timelines.ts', '--json'], {
          cwd: SERVER_DIR,
          env: { ...process.env, DATABASE_URL: target.url },
        }).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
        );
      const ok = await cli();
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ ok: true, rows: 6 });
      const [victim] = await db.query<{ id: number }>("SELECT id FROM incident_events WHERE incident_id = 'inc-b' ORDER BY id OFFSET 1 LIMIT 1");
      // A superuser can switch every trigger off for a transaction; the chain still tells.
      await db.tx(async (q) => {
        await q.query('SET LOCAL session_replication_role = replica');
        await q.query('UPDATE incident_events SET data = \'{"i": 99}\' WHERE id = $1', [victim!.id]);
      });
      const broken = await cli();
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.out).firstBroken).toEqual({ incidentId: 'inc-b', eventId: Number(victim!.id), reason: 'row_changed' });
    } finally {
      await db.close();
      await target.drop();
    }
  });
});
