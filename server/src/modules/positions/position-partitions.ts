import type { Queryable } from '../../db/database.js';
import { CLOCK_SKEW_FUTURE_MS, CLOCK_SKEW_PAST_MS } from '@lianfang/shared';

/**
 * The day partitions of the position history (migration 029): PostgreSQL range
 * partitions of `positions` by UTC day of server_time, named positions_pYYYYMMDD,
 * plus positions_default for rows of a day with no partition yet.
 */

const DAY_MS = 86_400_000;
const PARTITION_NAME = /^positions_p(\d{4})(\d{2})(\d{2})$/;

/** 'YYYY-MM-DD' of the UTC day holding the instant. */
export const utcDay = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** Creates the partitions of these UTC days that are missing (moving their rows out of the default one). Returns those created. */
export async function ensurePositionDays(q: Queryable, days: readonly string[]): Promise<string[]> {
  if (days.length === 0) return [];
  const rows = await q.query<{ day: string; created: boolean }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day, lf_ensure_position_day(d) AS created FROM unnest($1::date[]) AS d ORDER BY d`,
    [days],
  );
  return rows.filter((r) => r.created).map((r) => r.day);
}

/** Today and the next `ahead` days (UTC), so that the partition is there before the day's first fix. */
export function daysAhead(nowMs: number, ahead: number): string[] {
  return Array.from({ length: ahead + 1 }, (_, k) => utcDay(nowMs + k * DAY_MS));
}

/** The day partitions that exist, oldest first, as 'YYYY-MM-DD'. */
export async function listPositionDays(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'positions'::regclass`,
  );
  return rows
    .map((r) => PARTITION_NAME.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
    .sort();
}

/** Days with rows waiting in the default partition (they get their own partition on the next beat). */
export async function daysInDefault(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ day: string }>(
    `SELECT DISTINCT to_char((server_time AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day FROM positions_default ORDER BY 1`,
  );
  return rows.map((r) => r.day);
}

/**
 * Retention: drops every day partition older than `keepDays` days before today (UTC),
 * and the default partition's rows that old. Dropping a partition is a catalog change
 * whatever its size, unlike a DELETE. Returns the days dropped.
 */
export async function dropPositionDaysBefore(q: Queryable, cutoffDay: string): Promise<string[]> {
  const dropped = (await listPositionDays(q)).filter((day) => day < cutoffDay);
  for (const day of dropped) await q.query(`DROP TABLE IF EXISTS positions_p${day.replaceAll('-', '')}`);
  await q.query(`DELETE FROM positions_default WHERE server_time < ($1::date)::timestamp AT TIME ZONE 'UTC'`, [cutoffDay]);
  return dropped;
}

/** The first day kept when `keepDays` days are retained (today counts as one). */
export const retentionCutoff = (nowMs: number, keepDays: number): string => utcDay(nowMs - (keepDays - 1) * DAY_MS);

/**
 * The server-time bounds that go with a device-time window [from, to), so that a query
 * of the history reads only the day partitions that can hold its rows. A fix whose
 * device clock is trusted (not flagged clock_skew, see shared isClockSkewed) was
 * received at most CLOCK_SKEW_FUTURE_MS before and CLOCK_SKEW_PAST_MS after its
 * device time; a fix outside that is skewed, and its device time means nothing.
 * `from` and `to` are SQL expressions (parameters or columns).
 */
export function serverTimeBounds(column: string, from: string, to: string): string {
  return `${column} >= ${from}::timestamptz - interval '${CLOCK_SKEW_FUTURE_MS / 1000} seconds' AND ${column} < ${to}::timestamptz + interval '${CLOCK_SKEW_PAST_MS / 1000} seconds'`;
}
