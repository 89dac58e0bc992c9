import type { ResponseRow } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import { toPercent } from '../analytics-format';
import { axisStyle, type ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

/**
 * Share of arrivals within target per grid, worst first, each bar labelled with
 * the counts it divides (a 100 % of 1 arrival must not look like a 100 % of 400).
 */
export function complianceOption(rows: readonly ResponseRow[], p: ChartPalette, t: Translate): ChartOption {
  const sorted = complianceOrder(rows);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: sorted.map((r) => (r.key === 'none' ? t('analytics.noGrid') : r.label)),
      ...axisStyle(p),
      axisLabel: { color: p.text, rotate: sorted.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, name: '%', ...axisStyle(p) },
    series: [
      {
        name: t('analytics.series.withinTargetShare'),
        type: 'bar',
        barMaxWidth: 40,
        data: sorted.map((r) => ({
          value: toPercent(r.withinTargetShare),
          key: r.key,
          itemStyle: { color: (r.withinTargetShare ?? 0) >= 0.8 ? p.ok : (r.withinTargetShare ?? 0) >= 0.5 ? p.second : p.bad },
          label: { show: true, position: 'top', color: p.text, formatter: `${r.withinTarget}/${r.responded}` },
        })),
      },
    ],
  };
}

/** Grids with arrivals, lowest share first (ties: more arrivals first); grids nobody reached are left out. */
export function complianceOrder(rows: readonly ResponseRow[]): ResponseRow[] {
  return rows
    .filter((r) => r.responded > 0)
    .sort((a, b) => (a.withinTargetShare ?? 0) - (b.withinTargetShare ?? 0) || b.responded - a.responded || a.key.localeCompare(b.key));
}
