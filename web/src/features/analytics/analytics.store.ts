import type {
  AnalyticsGrouping,
  CategoryChangeReply,
  ClosureReply,
  ClosurePercentiles,
  ResponsePercentiles,
  CoverageReply,
  HeatmapReply,
  KeyAreaComplianceReply,
  ResponseHistogramReply,
  ResponseReply,
  UnitActivityReply,
  UnitRollup,
} from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { analyticsApi } from './analytics.api';
import { daysIn, defaultFilters, toParams, trendGrouping, type AnalyticsFilterState } from './analytics-filters';

/** Every reply the dashboard draws, fetched together for one set of filters. */
export interface DashboardData {
  trend: ResponseReply;
  histogram: ResponseHistogramReply;
  byGrid: ResponseReply;
  /** the response-phase table, grouped as the manager chose (priority by default) */
  byGroup: ResponseReply;
  heatmap: HeatmapReply;
  closure: ClosureReply;
  change: CategoryChangeReply;
  coverage: CoverageReply;
  units: UnitActivityReply;
}

/**
 * The exact percentiles each reply's views draw; the server leaves the others
 * out (null), and each one left out saves a sort of a window's values (about
 * 0.3 s per phase for a year of a million incidents). The trend and the headline
 * figures (trend.total) draw the response p50/p90, the on-time chart by grid and
 * the closure chart and headline draw counts and shares only. The phase table
 * (byGroup) draws all four phases, so it asks for the default. The CSV buttons
 * ask for the full table.
 */
const DRAWN = { trend: 'response', byGrid: 'none', closure: 'none' } as const satisfies {
  trend: ResponsePercentiles;
  byGrid: ResponsePercentiles;
  closure: ClosurePercentiles;
};

/**
 * The managers' dashboard: the filters and the server's tables for them. The
 * store does no arithmetic on the figures (they are computed in SQL); it only
 * asks for them and keeps the newest answer when filters change quickly.
 */
export const useAnalyticsStore = defineStore('analytics', () => {
  const filters = ref<AnalyticsFilterState>(defaultFilters());
  const unitsPer = ref<UnitRollup>('force');
  const tableBy = ref<AnalyticsGrouping>('priority');
  const data = shallowRef<DashboardData | null>(null);
  /**
   * Key-area compliance is fetched beside the other tables, not with them, so
   * the charts never wait for it (it was the slowest table of the page before it
   * was read from the visit history, and is still the last one needed).
   */
  const keyAreas = shallowRef<KeyAreaComplianceReply | null>(null);
  const keyAreasError = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  const params = computed(() => toParams(filters.value));
  const trendBy = computed(() => trendGrouping(filters.value));
  /** Hour buckets for a window of up to three days, days beyond. */
  const coverageInterval = computed(() => (daysIn(filters.value) <= 3 ? 'hour' : 'day'));

  async function load(next?: AnalyticsFilterState): Promise<void> {
    if (next) filters.value = next;
    const mine = ++generation;
    const p = params.value;
    loading.value = true;
    error.value = null;
    keyAreas.value = null;
    keyAreasError.value = null;
    analyticsApi.keyAreas(p).then(
      (reply) => {
        if (mine === generation) keyAreas.value = reply;
      },
      (err: unknown) => {
        if (mine === generation) keyAreasError.value = err instanceof Error ? err.message : String(err);
      },
    );
    try {
      const [trend, histogram, byGrid, byGroup, heatmap, closure, change, coverage, units] = await Promise.all([
        analyticsApi.response({ ...p, groupBy: trendBy.value, percentiles: DRAWN.trend }),
        analyticsApi.histogram(p),
        analyticsApi.response({ ...p, groupBy: 'grid', percentiles: DRAWN.byGrid }),
        analyticsApi.response({ ...p, groupBy: tableBy.value }),
        analyticsApi.heatmap(p),
        analyticsApi.closure({ ...p, groupBy: 'category', percentiles: DRAWN.closure }),
        analyticsApi.categoryChange(p),
        analyticsApi.coverage({ ...p, interval: coverageInterval.value }),
        analyticsApi.units({ ...p, per: unitsPer.value }),
      ]);
      if (mine !== generation) return;
      data.value = { trend, histogram, byGrid, byGroup, heatmap, closure, change, coverage, units };
    } catch (err) {
      if (mine !== generation) return;
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /**
   * Reloads one table of the current view (the unit table's rollup, the response
   * table's grouping) without the others, unless newer filters arrived meanwhile.
   */
  async function reloadOne<K extends keyof DashboardData>(key: K, fetch: () => Promise<DashboardData[K]>): Promise<void> {
    const current = data.value;
    if (!current) return;
    const mine = generation;
    const reply = await fetch();
    if (mine === generation && data.value === current) data.value = { ...current, [key]: reply };
  }

  /** Switches the unit table between units, teams and forces. */
  async function setUnitsPer(per: UnitRollup): Promise<void> {
    unitsPer.value = per;
    await reloadOne('units', () => analyticsApi.units({ ...params.value, per }));
  }

  /** Regroups the response-phase table (priority, category, grid, force, team, shift). */
  async function setTableBy(groupBy: AnalyticsGrouping): Promise<void> {
    tableBy.value = groupBy;
    await reloadOne('byGroup', () => analyticsApi.response({ ...params.value, groupBy }));
  }

  return { filters, unitsPer, tableBy, data, keyAreas, keyAreasError, loading, error, params, trendBy, coverageInterval, load, setUnitsPer, setTableBy };
});
