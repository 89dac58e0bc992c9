import type { Database } from '../../db/database.js';

/**
 * The incident facts hold local calendar keys (day, week, month, hour, weekday),
 * and a trigger cannot read the server's config: the zone they are taken in is
 * stored in analytics_settings. At start the server makes it its TIME_ZONE; when
 * that changed, every fact is rebuilt in the same transaction (a few seconds per
 * million incidents), so no reply ever mixes two zones.
 */
export async function syncFactsTimeZone(db: Database, timeZone: string): Promise<boolean> {
  return db.tx(async (q) => {
    const [current] = await q.query<{ time_zone: string }>('SELECT time_zone FROM analytics_settings WHERE id = 1 FOR UPDATE');
    if (current?.time_zone === timeZone) return false;
    await q.query('UPDATE analytics_settings SET time_zone = $1 WHERE id = 1', [timeZone]);
    await q.query('SELECT lf_rebuild_incident_facts()');
    return true;
  });
}
