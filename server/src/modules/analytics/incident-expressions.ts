import { NO_GROUP, PRIORITIES, SHIFTS, arrivalTargetSeconds, type AnalyticsGrouping } from '@lianfang/shared';

/**
 * Per-incident SQL over `incident_facts f` (migration 012). The phases are the
 * first time any unit reached each step, as `responsePhases` in shared/, in whole
 * seconds rounded up; the drill-down test checks them against it incident by incident.
 */
/**
 * Seconds from start to end as float8, for the assignment spells read from
 * incident_units. date_part on the interval stays in floating point; extract()
 * returns numeric since PostgreSQL 14, which was three times slower (measured).
 */
export const secondsBetweenSql = (start: string, end: string) => `date_part('epoch', ${end} - ${start})`;

export const PHASES = { processing: 'f.processing_s', turnout: 'f.turnout_s', travel: 'f.travel_s', response: 'f.response_s' } as const;

// Targets come from the same table as the live clocks (DEFAULT_TARGETS), inlined as constants; the facts store the verdict.
export const targetSql = (priority: string) => `(CASE ${priority} ${PRIORITIES.map((p) => `WHEN '${p}' THEN ${arrivalTargetSeconds(p)}`).join(' ')} END)`;

/** Shift of a local hour expression (day 08–20, night otherwise, as SHIFTS). */
export const shiftSql = (hour: string) => `(CASE WHEN ${hour} >= ${SHIFTS.day.fromHour} AND ${hour} < ${SHIFTS.day.toHour} THEN 'day' ELSE 'night' END)`;

/** The facts column of a local calendar bucket (a date: the day, its ISO week's Monday, the month's first). */
export const LOCAL_BUCKET_COLUMNS = { day: 'f.local_day', week: 'f.local_week', month: 'f.local_month' } as const;

/**
 * The group key of an incident: a local bucket start (date) for time groupings,
 * text otherwise. A missing value is the key NO_GROUP ('none'), never NULL: NULL
 * would mix with the total row of a ROLLUP.
 */
export function groupKeySql(groupBy: AnalyticsGrouping): string {
  switch (groupBy) {
    case 'day':
    case 'week':
    case 'month':
      return LOCAL_BUCKET_COLUMNS[groupBy];
    // Text keys sort in the "C" collation: ids and enum values are ASCII, and it is several times cheaper.
    case 'priority':
      return 'f.priority COLLATE "C"';
    case 'category':
      return 'f.category COLLATE "C"';
    case 'grid':
      return `COALESCE(f.grid_id, '${NO_GROUP}') COLLATE "C"`;
    case 'force':
      return `COALESCE(lead_unit.force, '${NO_GROUP}') COLLATE "C"`;
    case 'team':
      return `COALESCE(lead_unit.team_id, '${NO_GROUP}') COLLATE "C"`;
    case 'shift':
      return `${shiftSql('f.local_hour')} COLLATE "C"`;
  }
}

export const needsLead = (groupBy: AnalyticsGrouping | undefined) => groupBy === 'force' || groupBy === 'team';
