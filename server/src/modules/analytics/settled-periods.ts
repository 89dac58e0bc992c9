import type { Queryable } from '../../db/database.js';

/** One stretch of a window: settled (ends by the start of today, may be kept) or live (today). */
export interface Period {
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly settled: boolean;
  /** the local date every incident of the period has as `periodKeySql` (see there) */
  readonly key: string;
}

export interface WindowPeriods {
  readonly periods: readonly Period[];
  /** the request's snapshot (REPEATABLE READ: the one every query of the request reads) */
  readonly snapshot: string;
  /** local start of today as an instant */
  readonly todayMs: number;
  /** local dates of today and of this month's first day, for `periodKeySql` */
  readonly today: string;
  readonly month: string;
}

/**
 * The period of an incident from its local calendar keys (facts columns, no
 * per-row arithmetic on instants): today; else its month when that month is
 * past; else its day. A period of the cuts below holds exactly the incidents
 * with its key, so a scan groups by this and never tests instants against the cuts.
 */
export const periodKeySql = (today: string, month: string) =>
  `CASE WHEN f.local_day >= ${today}::date THEN ${today}::date WHEN f.local_month < ${month}::date THEN f.local_month ELSE f.local_day END`;

/**
 * Cuts [from, to) at local month starts up to this month, then at every local
 * midnight of this month up to today, in the district's zone. Past months and
 * past days of this month are settled; today is live. Months keep the number of
 * kept periods small (a year is 12 months and up to 30 days); days keep what a
 * late change to yesterday's incidents costs to one day. The window's start is
 * moved up to the first incident on record, so that "since 2000" is not 300 empty months.
 */
export async function windowPeriods(db: Queryable, from: string, to: string, timeZone: string): Promise<WindowPeriods> {
  const [row] = await db.query<{ bounds: number[]; keys: string[]; today: string; month: string; today_ms: number; snapshot: string }>(
    `WITH n AS (SELECT date_trunc('day', now() AT TIME ZONE $3) AS today, date_trunc('month', now() AT TIME ZONE $3) AS month),
          lo AS (SELECT GREATEST($1::timestamptz, (SELECT min(created_at) FROM incident_facts)) AS lo),
          cuts AS (SELECT b AT TIME ZONE $3 AS c FROM generate_series(date_trunc('month', (SELECT lo FROM lo) AT TIME ZONE $3), (SELECT month FROM n), interval '1 month') b
                   UNION
                   SELECT b AT TIME ZONE $3 FROM generate_series((SELECT month FROM n), (SELECT today FROM n), interval '1 day') b),
          bounds AS (SELECT $1::timestamptz AS c UNION SELECT c FROM cuts WHERE c > $1::timestamptz AND c < $2::timestamptz)
     SELECT ARRAY(SELECT (extract(epoch FROM c) * 1000)::float8 FROM bounds ORDER BY c) AS bounds,
            -- periodKeySql of each bound's own local day and month
            ARRAY(SELECT to_char(CASE WHEN (c AT TIME ZONE $3)::date >= n.today::date THEN n.today::date
                                      WHEN date_trunc('month', c AT TIME ZONE $3)::date < n.month::date THEN date_trunc('month', c AT TIME ZONE $3)::date
                                      ELSE (c AT TIME ZONE $3)::date END, 'YYYY-MM-DD') FROM bounds ORDER BY c) AS keys,
            to_char(n.today, 'YYYY-MM-DD') AS today, to_char(n.month, 'YYYY-MM-DD') AS month,
            (extract(epoch FROM n.today AT TIME ZONE $3) * 1000)::float8 AS today_ms,
            pg_current_snapshot()::text AS snapshot
       FROM n`,
    [from, to, timeZone],
  );
  if (!row) throw new Error('no periods row');
  const todayMs = Number(row.today_ms);
  const starts = row.bounds.map(Number);
  const periods: Period[] = starts.map((ms, i) => {
    const last = i === starts.length - 1;
    const toMs = last ? Date.parse(to) : starts[i + 1]!;
    return {
      // the window's own text at its ends (microseconds and all), the cuts as instants
      from: i === 0 ? from : new Date(ms).toISOString(),
      to: last ? to : new Date(toMs).toISOString(),
      fromMs: i === 0 ? Date.parse(from) : ms,
      toMs,
      settled: toMs <= todayMs,
      key: row.keys[i]!,
    };
  });
  return { periods, snapshot: row.snapshot, todayMs, today: row.today, month: row.month };
}

/**
 * The instants (ms) of settled facts rows written by transactions `snapshot` did
 * not see: each makes the kept period it falls in stale. Reads only the rows
 * written since the snapshot's oldest running transaction (index on changed_xid).
 */
export async function changedSince(db: Queryable, snapshot: string, beforeMs: number): Promise<number[]> {
  const rows = await db.query<{ at: number }>(
    `SELECT (extract(epoch FROM created_at) * 1000)::float8 AS at FROM incident_facts
      WHERE changed_xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(changed_xid, $1::pg_snapshot)
        AND created_at < $2::timestamptz`,
    [snapshot, new Date(beforeMs).toISOString()],
  );
  return rows.map((r) => Number(r.at));
}
