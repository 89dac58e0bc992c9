import type { CoverageRow } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import { toPercent } from '../analytics-format';
import { axisStyle, type ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

/** Share of the area within 5 and 15 minutes of a unit over time (mean per bucket, and the 5-minute low). */
export function coverageOption(rows: readonly CoverageRow[], p: ChartPalette, t: Translate): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.bucket), ...axisStyle(p), splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 100, name: '%', ...axisStyle(p) },
    series: [
      { name: t('analytics.series.within5'), type: 'line', symbolSize: 5, itemStyle: { color: p.accent }, data: rows.map((r) => toPercent(r.within5Mean)) },
      { name: t('analytics.series.within15'), type: 'line', symbolSize: 5, itemStyle: { color: p.ok }, data: rows.map((r) => toPercent(r.within15Mean)) },
      {
        name: t('analytics.series.within5Low'),
        type: 'line',
        symbol: 'none',
        lineStyle: { type: 'dashed' },
        itemStyle: { color: p.second },
        data: rows.map((r) => toPercent(r.within5Min)),
      },
    ],
  };
}
