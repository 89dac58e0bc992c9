import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ChartOption } from '../../charts/echarts-setup';
import type { ChartPalette } from '../../charts/chart-palette';
import type { DashboardData } from './analytics.store';
import { closureKeys, closureOption } from './charts/closure-option';
import { complianceOption, complianceOrder } from './charts/compliance-option';
import { coverageOption } from './charts/coverage-option';
import { heatmapOption } from './charts/heatmap-option';
import { histogramOption } from './charts/histogram-option';
import { trendOption } from './charts/trend-option';
import type { DrillTarget } from './drill-target';

export interface DashboardChart {
  name: 'histogram' | 'trend' | 'compliance' | 'heatmap' | 'closure' | 'coverage';
  option: ChartOption;
  /** the incidents behind a clicked item (series, index in its data) */
  drill: (seriesIndex: number, dataIndex: number) => DrillTarget | null;
}

/**
 * The dashboard's charts built from the server's replies, each with the way back
 * from a click to the drill-down query of the incidents it counted. Shared by the
 * dashboard (screen colours) and the printable report (paper colours).
 */
export function useDashboardCharts(data: Ref<DashboardData | null>, palette: ChartPalette, coverageInterval: Ref<'hour' | 'day'>) {
  const { t, locale } = useI18n();
  const tr = (key: string, named?: Record<string, unknown>) => (named ? t(key, named) : t(key));

  return computed<DashboardChart[]>(() => {
    const d = data.value;
    void locale.value; // rebuild the labels on a language switch
    if (!d) return [];
    const bins = d.histogram.rows;
    const trendRows = d.trend.rows;
    const grids = complianceOrder(d.byGrid.rows);
    const categories = closureKeys(d.closure.rows);
    return [
      {
        name: 'histogram',
        option: histogramOption(bins, palette, tr),
        drill: (series, i) => {
          const bin = bins[i];
          if (!bin) return null;
          const to = bin.toSeconds;
          return { ...(to === null ? {} : { responseTo: to }), responseFrom: bin.fromSeconds, only: series === 0 ? 'withinTarget' : 'breached' };
        },
      },
      {
        name: 'trend',
        option: trendOption(trendRows, palette, tr),
        drill: (_s, i) => (trendRows[i] ? { groupBy: d.trend.groupBy as DrillTarget['groupBy'], groupKey: trendRows[i].key, only: 'responded' } : null),
      },
      {
        name: 'compliance',
        option: complianceOption(d.byGrid.rows, palette, tr),
        drill: (_s, i) => (grids[i] ? { groupBy: 'grid', groupKey: grids[i].key, only: 'responded' } : null),
      },
      {
        name: 'heatmap',
        option: heatmapOption(d.heatmap.rows, palette, tr),
        // Heatmap data items are [hour, weekday − 1, count] in the order of the cells.
        drill: (_s, i) => {
          const cell = d.heatmap.rows[i];
          return cell ? { weekday: cell.weekday, hour: cell.hour } : null;
        },
      },
      {
        name: 'closure',
        option: closureOption(d.closure.rows, palette, tr),
        // The rate line drills to the closed cases, the level bars to all received of the category.
        drill: (series, i) => (categories[i] ? { groupBy: 'category', groupKey: categories[i], only: series === 4 ? 'closed' : 'received' } : null),
      },
      {
        name: 'coverage',
        option: coverageOption(d.coverage.rows, palette, tr),
        // Coverage has no incidents of its own: a day drills to the incidents received that day.
        drill: (_s, i) => {
          const row = d.coverage.rows[i];
          return row && coverageInterval.value === 'day' ? { groupBy: 'day', groupKey: row.bucket } : null;
        },
      },
    ];
  });
}
