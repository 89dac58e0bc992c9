import { DEFAULT_TARGETS } from '../domain/response-clocks.js';
import type { Priority } from '../schemas/incident.js';

/**
 * The definitions behind the managers' analytics, in one place so the server's
 * SQL, the web's axis labels and docs/analytics.md cannot drift apart.
 */

/** Ways to group the incident measures. Time buckets are local (TIME_ZONE); `force`/`team` are the lead unit's. */
export const ANALYTICS_GROUPINGS = ['day', 'week', 'month', 'priority', 'category', 'grid', 'force', 'team', 'shift'] as const;
export type AnalyticsGrouping = (typeof ANALYTICS_GROUPINGS)[number];
export const TIME_GROUPINGS = ['day', 'week', 'month'] as const;

/** Coverage samples are taken once a minute, so hours and days are the useful resolutions. */
export const COVERAGE_INTERVALS = ['hour', 'day'] as const;
export type CoverageInterval = (typeof COVERAGE_INTERVALS)[number];

/**
 * Which exact percentiles a response table computes. Each phase's p50/p90 costs a
 * sort of its values (a year of 1M incidents: about 0.3 s per phase, see
 * docs/performance.md), so a chart that draws only the response time asks for
 * `response`, and one that draws only counts and shares asks for `none`. The
 * rows keep their shape: a percentile not asked for is null. Default `all`.
 */
export const RESPONSE_PERCENTILES = ['all', 'response', 'none'] as const;
export type ResponsePercentiles = (typeof RESPONSE_PERCENTILES)[number];

/** The same for the closure table's medians (resolveP50, closeP50): `all` (default) or `none`. */
export const CLOSURE_PERCENTILES = ['all', 'none'] as const;
export type ClosurePercentiles = (typeof CLOSURE_PERCENTILES)[number];

export const UNIT_ROLLUPS = ['unit', 'team', 'force'] as const;
export type UnitRollup = (typeof UNIT_ROLLUPS)[number];

/**
 * Drill-down subsets; `withinTarget` and `breached` split `responded` exactly as the response table counts
 * it, `withinFive` is the 5-minute promise's arrivals, `concluded` + `open` = `received` (办结率's parts),
 * `closed` the evaluated, `falseAlarms` outcome false alarm however the case ended.
 */
export const DRILLDOWN_SUBSETS = ['received', 'responded', 'withinFive', 'withinTarget', 'breached', 'open', 'concluded', 'closed', 'falseAlarms'] as const;

/** The district's promise to residents: a patrol on scene within 5 minutes of the call (docs/analytics.md). */
export const PROMISE_SECONDS = 300;
export type DrilldownSubset = (typeof DRILLDOWN_SUBSETS)[number];

/** The key of a group that has no value (an incident outside every grid, one nobody was sent to). */
export const NO_GROUP = 'none';

/**
 * Two shifts by local start hour: day 08:00–20:00, night 20:00–08:00. An incident
 * belongs to the shift in which it was received, so a night reaching into the
 * next date stays one shift.
 */
export const SHIFTS = { day: { fromHour: 8, toHour: 20 }, night: { fromHour: 20, toHour: 8 } } as const;
export type Shift = keyof typeof SHIFTS;

export function shiftOfLocalHour(hour: number): Shift {
  return hour >= SHIFTS.day.fromHour && hour < SHIFTS.day.toHour ? 'day' : 'night';
}

/** The first-arrival target of a priority in seconds (the same table the clock watcher uses). */
export const arrivalTargetSeconds = (priority: Priority): number => DEFAULT_TARGETS[priority].arrivalSeconds;

/** More points than this in one replay request is refused (400 naming `to`): shorten the window or pick fewer units. */
export const TRACK_POINT_CAP = 50_000;

/** Longest window any analytics request may span; the period-over-period view reads one more of the same length. */
export const MAX_WINDOW_DAYS = 732;

/** Local hour buckets are only offered for short windows: 31 days is 744 bars already. */
export const MAX_HOURLY_WINDOW_DAYS = 31;

/**
 * The response-time distribution: one bar per minute from 0 to 30 minutes, the last bar
 * holding everything from 30 minutes on. Minute bars put the 5-minute target on a bar edge
 * (an arrival at exactly 300 s is within target and opens the bar [5, 6) min).
 */
export const HISTOGRAM_BIN_SECONDS = 60;
export const HISTOGRAM_BINS = 31;
