import { FORCES, INCIDENT_CATEGORIES, PRIORITIES, type AnalyticsGrouping, type Force, type IncidentCategory, type Priority } from '@lianfang/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * The dashboard's filters as the manager picks them: a range of local dates
 * (both inclusive, as people say "1 to 31 March") and the optional filters every
 * analytics endpoint takes. They live in the URL query so a view can be
 * bookmarked, shared and opened as the printable report.
 */
export interface AnalyticsFilterState {
  /** first day, local YYYY-MM-DD */
  fromDay: string;
  /** last day, inclusive, local YYYY-MM-DD */
  toDay: string;
  gridId?: string;
  force?: Force;
  category?: IncidentCategory;
  priority?: Priority;
}

/** Query parameters of /api/analytics/*: the window [from, to) as instants plus the filters. */
export type AnalyticsParams = Record<string, string | number>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + n));
}

/** Local midnight of a day as an ISO instant (the browser's zone: the manager's own day). */
export function startOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

/** The last 30 days up to and including today: what a manager opens the dashboard for. */
export function defaultFilters(now: Date = new Date()): AnalyticsFilterState {
  const today = localDay(now);
  return { fromDay: addDays(today, -29), toDay: today };
}

export function daysIn(f: Pick<AnalyticsFilterState, 'fromDay' | 'toDay'>): number {
  return Math.round((Date.parse(startOfDay(addDays(f.toDay, 1))) - Date.parse(startOfDay(f.fromDay))) / 86_400_000);
}

/** Day bars up to two months, weeks up to a year and a half, months beyond. */
export function trendGrouping(f: Pick<AnalyticsFilterState, 'fromDay' | 'toDay'>): Extract<AnalyticsGrouping, 'day' | 'week' | 'month'> {
  const days = daysIn(f);
  return days <= 62 ? 'day' : days <= 550 ? 'week' : 'month';
}

export function toParams(f: AnalyticsFilterState): AnalyticsParams {
  const p: AnalyticsParams = { from: startOfDay(f.fromDay), to: startOfDay(addDays(f.toDay, 1)) };
  if (f.gridId) p.gridId = f.gridId;
  if (f.force) p.force = f.force;
  if (f.category) p.category = f.category;
  if (f.priority) p.priority = f.priority;
  return p;
}

const first = (v: LocationQuery[string] | undefined): string | undefined => (Array.isArray(v) ? (v[0] ?? undefined) : (v ?? undefined)) || undefined;
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** Reads the filters from a route query; anything missing or malformed falls back to the default. */
export function filtersFromQuery(q: LocationQuery, now: Date = new Date()): AnalyticsFilterState {
  const d = defaultFilters(now);
  const fromDay = first(q.from);
  const toDay = first(q.to);
  const f: AnalyticsFilterState = {
    fromDay: fromDay && DAY.test(fromDay) ? fromDay : d.fromDay,
    toDay: toDay && DAY.test(toDay) ? toDay : d.toDay,
  };
  if (f.toDay < f.fromDay) f.toDay = f.fromDay;
  const gridId = first(q.grid);
  if (gridId) f.gridId = gridId;
  const force = oneOf(FORCES, first(q.force));
  if (force) f.force = force;
  const category = oneOf(INCIDENT_CATEGORIES, first(q.category));
  if (category) f.category = category;
  const priority = oneOf(PRIORITIES, first(q.priority));
  if (priority) f.priority = priority;
  return f;
}

export function filtersToQuery(f: AnalyticsFilterState): LocationQueryRaw {
  const q: LocationQueryRaw = { from: f.fromDay, to: f.toDay };
  if (f.gridId) q.grid = f.gridId;
  if (f.force) q.force = f.force;
  if (f.category) q.category = f.category;
  if (f.priority) q.priority = f.priority;
  return q;
}
