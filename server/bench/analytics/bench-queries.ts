import type { AnalyticsContext } from '../../src/modules/analytics/analytics-scope.js';
import { categoryChange } from '../../src/modules/analytics/category-change.js';
import { closureMeasures } from '../../src/modules/analytics/closure-measures.js';
import { coverageHistory } from '../../src/modules/analytics/coverage-history.js';
import { incidentDrilldown } from '../../src/modules/analytics/incident-drilldown.js';
import { incidentHeatmap } from '../../src/modules/analytics/incident-heatmap.js';
import { keyAreaCompliance } from '../../src/modules/analytics/key-area-compliance.js';
import { keyAreaComplianceFromPositions } from '../../src/modules/analytics/key-area-compliance-from-positions.js';
import { responseHistogram } from '../../src/modules/analytics/response-histogram.js';
import { responseMeasures } from '../../src/modules/analytics/response-measures.js';
import { unitActivity } from '../../src/modules/analytics/unit-activity.js';
import { unitTracks } from '../../src/modules/analytics/unit-tracks.js';

const local = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
/** The windows a dashboard opens with, ending where the generated data ends (2025-01-01 local). */
export const WINDOWS = {
  day: { from: local('2024-12-31'), to: local('2025-01-01') },
  week: { from: local('2024-12-25'), to: local('2025-01-01') },
  month: { from: local('2024-12-02'), to: local('2025-01-01') },
  year: { from: local('2024-01-01'), to: local('2025-01-01') },
};

/** Where the server's pre-warm ends its months here: where the data ends (in a live system, tomorrow). */
export const PREWARM_UNTIL = local('2025-01-01');

export interface DashboardQuery {
  name: string;
  run: (ctx: AnalyticsContext) => Promise<unknown>;
}

/** Every table the dashboard draws, through the same functions the routes call (the routes add only validation and JSON). */
export const DASHBOARD_QUERIES: DashboardQuery[] = [
  // Short windows first: they are what a dashboard opens with, and they are timed even when the budget runs out.
  { name: 'response by day, 30 d', run: (c) => responseMeasures(c, { ...WINDOWS.month, groupBy: 'day' }) },
  { name: 'response by force (lead unit), 30 d', run: (c) => responseMeasures(c, { ...WINDOWS.month, groupBy: 'force' }) },
  { name: 'response by grid, P1 only, 30 d', run: (c) => responseMeasures(c, { ...WINDOWS.month, groupBy: 'grid', priority: 'P1' }) },
  { name: 'response-time histogram, 30 d', run: (c) => responseHistogram(c, WINDOWS.month) },
  { name: 'drill-down: one histogram bar, 30 d, page 1', run: (c) => incidentDrilldown(c, { ...WINDOWS.month, responseFrom: 300, responseTo: 360 }) },
  { name: 'heatmap weekday × hour, 30 d', run: (c) => incidentHeatmap(c, WINDOWS.month) },
  { name: 'closure by category, 30 d', run: (c) => closureMeasures(c, { ...WINDOWS.month, groupBy: 'category' }) },
  { name: 'change by category, 30 d vs 30 d', run: (c) => categoryChange(c, WINDOWS.month) },
  { name: 'units, per unit, 30 d', run: (c) => unitActivity(c, { ...WINDOWS.month, per: 'unit' }) },
  {
    name: 'drill-down: one day, breached, page 1',
    run: (c) => incidentDrilldown(c, { ...WINDOWS.month, groupBy: 'day', groupKey: '2024-12-31', only: 'breached' }),
  },
  { name: 'drill-down: force police, 30 d, page 1', run: (c) => incidentDrilldown(c, { ...WINDOWS.month, groupBy: 'force', groupKey: 'police' }) },
  { name: 'coverage by day, 30 d', run: (c) => coverageHistory(c, { ...WINDOWS.month, interval: 'day' }) },
  { name: 'coverage by hour, one grid, 7 d', run: (c) => coverageHistory(c, { ...WINDOWS.week, interval: 'hour', gridId: 'g003' }) },
  { name: 'key-area compliance, 1 d', run: (c) => keyAreaCompliance(c, WINDOWS.day) },
  { name: 'key-area compliance, 7 d', run: (c) => keyAreaCompliance(c, WINDOWS.week) },
  // on the dashboard since the key-area card (default window: 30 days; the bench's fixes cover the last 7)
  { name: 'key-area compliance, 30 d', run: (c) => keyAreaCompliance(c, WINDOWS.month) },
  // The same tables from every stored fix (the definition, and the code before the visit history of migration 016).
  { name: 'key-area compliance from positions, 1 d', run: (c) => keyAreaComplianceFromPositions(c, WINDOWS.day) },
  { name: 'key-area compliance from positions, 7 d', run: (c) => keyAreaComplianceFromPositions(c, WINDOWS.week) },
  { name: 'key-area compliance from positions, 30 d', run: (c) => keyAreaComplianceFromPositions(c, WINDOWS.month) },
  { name: 'key-area compliance, 30 d, force police', run: (c) => keyAreaCompliance(c, { ...WINDOWS.month, force: 'police' }) },
  { name: 'key-area compliance from positions, 30 d, force police', run: (c) => keyAreaComplianceFromPositions(c, { ...WINDOWS.month, force: 'police' }) },
  {
    name: 'tracks: 5 units, 1 d (14,400 points)',
    run: (c) => unitTracks(c.db, ['u0001', 'u0002', 'u0003', 'u0004', 'u0005'], WINDOWS.day.from, WINDOWS.day.to),
  },
  { name: 'response by week, 365 d', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'week' }) },
  { name: 'response by team (lead unit), 365 d', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'team' }) },
  { name: 'response by shift, one grid, 365 d', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'shift', gridId: 'g005' }) },
  { name: 'response-time histogram, 365 d', run: (c) => responseHistogram(c, WINDOWS.year) },
  { name: 'change by category, 365 d vs 365 d', run: (c) => categoryChange(c, WINDOWS.year) },
  { name: 'closure by month, 365 d', run: (c) => closureMeasures(c, { ...WINDOWS.year, groupBy: 'month' }) },
  { name: 'heatmap weekday × hour, 365 d', run: (c) => incidentHeatmap(c, WINDOWS.year) },
  { name: 'units, per force, 365 d', run: (c) => unitActivity(c, { ...WINDOWS.year, per: 'force' }) },
  // What the dashboard sends for "this year" (web/src/features/analytics/analytics.store.ts): each chart asks only for
  // the percentiles it draws. The full tables above stay as the reference (the CSV export and the API default).
  {
    name: 'dashboard 365 d: trend = response by week, response p50/p90 only',
    run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'week', percentiles: 'response' }),
  },
  { name: 'dashboard 365 d: on time by grid, no percentiles', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'grid', percentiles: 'none' }) },
  { name: 'dashboard 365 d: phase table by priority (all phases)', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'priority' }) },
  { name: 'dashboard 365 d: closure by category, no medians', run: (c) => closureMeasures(c, { ...WINDOWS.year, groupBy: 'category', percentiles: 'none' }) },
  { name: 'closure by month, 365 d, no medians', run: (c) => closureMeasures(c, { ...WINDOWS.year, groupBy: 'month', percentiles: 'none' }) },
  { name: 'response by grid, 365 d (all phases)', run: (c) => responseMeasures(c, { ...WINDOWS.year, groupBy: 'grid' }) },
  { name: 'closure by category, 365 d (with medians)', run: (c) => closureMeasures(c, { ...WINDOWS.year, groupBy: 'category' }) },
];

/**
 * What the dashboard sends for "this year" with one filter set (web analytics.store.ts `load`):
 * a manager narrowing the view to one category, one priority or one force. These shapes are
 * not pre-warmed: their first read after a start is what a manager waits for.
 */
const FILTERED_DASHBOARD: { label: string; filter: { category?: 'dispute'; priority?: 'P3'; force?: 'police' } }[] = [
  { label: 'category dispute (25 %)', filter: { category: 'dispute' } },
  { label: 'priority P3 (50 %)', filter: { priority: 'P3' } },
  { label: 'force police (lead unit)', filter: { force: 'police' } },
];
for (const { label, filter } of FILTERED_DASHBOARD) {
  const w = { ...WINDOWS.year, ...filter };
  DASHBOARD_QUERIES.push(
    { name: `filtered 365 d, ${label}: trend by week, response p50/p90`, run: (c) => responseMeasures(c, { ...w, groupBy: 'week', percentiles: 'response' }) },
    { name: `filtered 365 d, ${label}: on time by grid`, run: (c) => responseMeasures(c, { ...w, groupBy: 'grid', percentiles: 'none' }) },
    { name: `filtered 365 d, ${label}: phase table by priority`, run: (c) => responseMeasures(c, { ...w, groupBy: 'priority' }) },
    { name: `filtered 365 d, ${label}: histogram`, run: (c) => responseHistogram(c, w) },
    { name: `filtered 365 d, ${label}: heatmap`, run: (c) => incidentHeatmap(c, w) },
    { name: `filtered 365 d, ${label}: closure by category`, run: (c) => closureMeasures(c, { ...w, groupBy: 'category', percentiles: 'none' }) },
    { name: `filtered 365 d, ${label}: change by category`, run: (c) => categoryChange(c, w) },
    { name: `filtered 365 d, ${label}: units per force`, run: (c) => unitActivity(c, { ...w, per: 'force' }) },
  );
}
