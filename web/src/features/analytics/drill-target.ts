import { ANALYTICS_GROUPINGS, DRILLDOWN_SUBSETS, type AnalyticsGrouping, type DrilldownSubset } from '@lianfang/shared';
import type { LocationQuery, LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import { filtersFromQuery, filtersToQuery, type AnalyticsFilterState, type AnalyticsParams } from './analytics-filters';

/**
 * What a click on a chart asks for: the incidents behind one bar, point or cell,
 * in the drill-down endpoint's own terms (group + subset, a response range, a
 * weekday × hour cell). Kept in the URL beside the filters.
 */
export interface DrillTarget {
  groupBy?: AnalyticsGrouping;
  groupKey?: string;
  only?: DrilldownSubset;
  responseFrom?: number;
  responseTo?: number;
  weekday?: number;
  hour?: number;
}

const KEYS = ['responseFrom', 'responseTo', 'weekday', 'hour'] as const;

export function drillParams(t: DrillTarget): AnalyticsParams {
  const p: AnalyticsParams = {};
  if (t.groupBy && t.groupKey !== undefined) {
    p.groupBy = t.groupBy;
    p.groupKey = t.groupKey;
  }
  if (t.only) p.only = t.only;
  for (const k of KEYS) if (t[k] !== undefined) p[k] = t[k];
  return p;
}

export function drillRoute(filters: AnalyticsFilterState, t: DrillTarget): RouteLocationRaw {
  const query: LocationQueryRaw = { ...filtersToQuery(filters) };
  for (const [k, v] of Object.entries(drillParams(t))) query[k] = String(v);
  return { name: 'analytics-incidents', query };
}

const str = (v: LocationQuery[string] | undefined) => (Array.isArray(v) ? v[0] : v) ?? undefined;
const int = (v: LocationQuery[string] | undefined) => {
  const s = str(v);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
};

export function drillFromQuery(q: LocationQuery): { filters: AnalyticsFilterState; target: DrillTarget } {
  const target: DrillTarget = {};
  const groupBy = str(q.groupBy);
  const groupKey = str(q.groupKey);
  if (groupBy && (ANALYTICS_GROUPINGS as readonly string[]).includes(groupBy) && groupKey) {
    target.groupBy = groupBy as AnalyticsGrouping;
    target.groupKey = groupKey;
  }
  const only = str(q.only);
  if (only && (DRILLDOWN_SUBSETS as readonly string[]).includes(only)) target.only = only as DrilldownSubset;
  for (const k of KEYS) {
    const n = int(q[k]);
    if (n !== undefined) target[k] = n;
  }
  return { filters: filtersFromQuery(q), target };
}
