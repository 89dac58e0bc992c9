import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/db/migrate.js';

// Versions are the primary key of schema_migrations: two files with one number would
// leave the second unapplied on every database that has the first (two branches did this once).
describe('migration files', () => {
  it('have unique, gap-free version numbers from 001', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });
});
