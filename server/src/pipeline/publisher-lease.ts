import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';

/**
 * One publisher per kind of derived event (advice, coverage) across all instances: a lease
 * row in `settings`, first writer wins. The holder renews it on every beat; when it dies
 * or stops, the row expires after `ttlSeconds` (or is deleted on a graceful stop) and the
 * next instance to try takes over. Times are the database's, so instance clocks do not matter.
 *
 * A row rather than a pg advisory lock: an advisory lock lives on one connection, which a
 * pool does not keep, and the same code then also runs on PGlite. A short overlap (a holder
 * frozen past its ttl) at worst publishes one duplicate of a "latest state" event, which
 * every reader applies idempotently.
 */
export class PublisherLease {
  readonly holder = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly key: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Takes or renews the lease; false while another live instance holds it (or the database is away). */
  async acquire(): Promise<boolean> {
    try {
      const rows = await this.db.query(
        `INSERT INTO settings (key, value) VALUES ($1, json_build_object('holder', $2::text, 'until', now() + make_interval(secs => $3))::text)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE settings.value::json->>'holder' = $2 OR (settings.value::json->>'until')::timestamptz < now()
         RETURNING key`,
        [this.key, this.holder, this.ttlSeconds],
      );
      return rows.length > 0;
    } catch {
      return false;
    }
  }

  /** Hands over at once on a graceful stop instead of after the ttl. */
  async release(): Promise<void> {
    await this.db.query(`DELETE FROM settings WHERE key = $1 AND value::json->>'holder' = $2`, [this.key, this.holder]).catch(() => {});
  }
}

/** A lease outlives a few beats, so a busy holder keeps it; a dead one hands over within 15 s or so. */
export const leaseSecondsFor = (intervalMs: number): number => Math.max(15, (3 * intervalMs) / 1000);
