import { NO_GROUP, PRIORITIES, SHIFTS, arrivalTargetSeconds, type AnalyticsGrouping } from '@lianfang/shared';
import { bucketStartOfSql } from './time-buckets.js';

/**
 * Per-incident SQL expressions over the milestone columns (the first time any unit
 * reached each step), mirroring `responsePhases` in shared/: the drill-down test
 * checks them against it incident by incident.
 */
/**
 * Seconds from start to end as float8. date_part on the interval is exact to the
 * microsecond and stays in floating point; extract() returns numeric since
 * PostgreSQL 14, which made the month view three times slower (measured).
 */
export const secondsBetweenSql = (start: string, end: string) => `date_part('epoch', ${end} - ${start})`;
const seconds = secondsBetweenSql;

export function incidentExpressions(a: string) {
  // A unit that reached the scene without reporting "en route" travelled from its acknowledgement (or dispatch).
  const enRouteStart = `COALESCE(${a}.en_route_at, CASE WHEN ${a}.on_scene_at IS NOT NULL THEN COALESCE(${a}.acknowledged_at, ${a}.dispatched_at) END)`;
  const response = seconds(`${a}.created_at`, `${a}.on_scene_at`);
  // Targets come from the same table as the live clocks (DEFAULT_TARGETS), inlined as constants.
  const target = `(CASE ${a}.priority ${PRIORITIES.map((p) => `WHEN '${p}' THEN ${arrivalTargetSeconds(p)}`).join(' ')} END)`;
  return {
    processing: seconds(`${a}.created_at`, `${a}.dispatched_at`),
    turnout: seconds(`${a}.dispatched_at`, enRouteStart),
    travel: seconds(enRouteStart, `${a}.on_scene_at`),
    response,
    target,
    withinTarget: `(${response} <= ${target})`,
  };
}

/** The local wall-clock time an incident was received. */
export const localCreatedSql = (a: string, tz: string) => `(${a}.created_at AT TIME ZONE ${tz})`;

export const shiftSql = (local: string) =>
  `(CASE WHEN date_part('hour', ${local}) >= ${SHIFTS.day.fromHour} AND date_part('hour', ${local}) < ${SHIFTS.day.toHour} THEN 'day' ELSE 'night' END)`;

/**
 * The group key of an incident (alias `i`, lead unit `lead`): a local bucket start
 * (timestamp) for time groupings, text otherwise. A missing value is the key
 * NO_GROUP ('none'), never NULL: NULL would mix with the total row of a ROLLUP.
 */
export function groupKeySql(groupBy: AnalyticsGrouping, tz: () => string): string {
  const local = () => localCreatedSql('i', tz());
  switch (groupBy) {
    case 'day':
    case 'week':
    case 'month':
      return bucketStartOfSql(groupBy, local());
    // Text keys sort in the "C" collation: ids and enum values are ASCII, and it is several times cheaper.
    case 'priority':
      return 'i.priority COLLATE "C"';
    case 'category':
      return 'i.category COLLATE "C"';
    case 'grid':
      return `COALESCE(i.grid_id, '${NO_GROUP}') COLLATE "C"`;
    case 'force':
      return `COALESCE(lead_unit.force, '${NO_GROUP}') COLLATE "C"`;
    case 'team':
      return `COALESCE(lead_unit.team_id, '${NO_GROUP}') COLLATE "C"`;
    case 'shift':
      return `${shiftSql(local())} COLLATE "C"`;
  }
}

export const needsLead = (groupBy: AnalyticsGrouping | undefined) => groupBy === 'force' || groupBy === 'team';
