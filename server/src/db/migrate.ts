import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

// Same depth from src/db and dist/db, so the SQL files are found in both.
const MIGRATIONS_DIR = join(fileURLToPath(new URL('../../', import.meta.url)), 'src/db/migrations');
// Arbitrary constant: instances starting together migrate one at a time.
const MIGRATION_LOCK = 7242001;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies the numbered SQL files not yet applied, each in its own transaction. Returns the names applied. */
export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  if (db.driver === 'pg') await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of readMigrations()) {
      if (done.has(m.version)) continue;
      await db.tx(async (q) => {
        for (const statement of splitStatements(m.sql)) await q.query(statement);
        await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      applied.push(m.name);
    }
  } finally {
    if (db.driver === 'pg') await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}

/**
 * Splits a migration into statements at a `;` that ends a line. Dollar-quoted
 * bodies (`$$ … $$`: functions, DO blocks) are kept whole, and `--` comments are
 * dropped only outside them.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const raw of sql.split('\n')) {
    const line = inDollar ? raw : raw.replace(/--.*$/, '');
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    current.push(line);
    if (!inDollar && /;\s*$/.test(line)) {
      statements.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  statements.push(current.join('\n').trim());
  return statements.filter((s) => s.length > 0);
}
