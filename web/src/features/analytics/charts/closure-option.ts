import type { ClosureRow } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import { toPercent } from '../analytics-format';
import { axisStyle, type ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

export const LEVELS = ['Grid', 'Community', 'Street', 'Department'] as const;

/**
 * Per category: how many cases were settled at each level of the ladder (stacked
 * counts) and 办结率 (concluded ÷ received) on the right axis.
 */
export function closureOption(rows: readonly ClosureRow[], p: ChartPalette, t: Translate): ChartOption {
  const shown = rows.filter((r) => r.received > 0);
  const levelSeries = LEVELS.map((level, i) => ({
    name: t(`analytics.level.${level.toLowerCase()}`),
    type: 'bar' as const,
    stack: 'settled',
    barMaxWidth: 36,
    itemStyle: { color: p.levels[i] },
    data: shown.map((r) => r[`settled${level}`]),
  }));
  return {
    animation: false,
    grid: { left: 48, right: 48, top: 36, bottom: 56 },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: shown.map((r) => t(`analytics.category.${r.key}`)),
      ...axisStyle(p),
      axisLabel: { color: p.text, rotate: shown.length > 6 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('analytics.axis.incidents'), ...axisStyle(p) },
      { type: 'value', min: 0, max: 100, name: '%', ...axisStyle(p), splitLine: { show: false } },
    ],
    series: [
      ...levelSeries,
      {
        name: t('analytics.series.closureRate'),
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 7,
        itemStyle: { color: p.accent },
        data: shown.map((r) => toPercent(r.closureRate)),
      },
    ],
  };
}

/** The category keys in the order the chart draws them (for mapping a click back to its row). */
export const closureKeys = (rows: readonly ClosureRow[]) => rows.filter((r) => r.received > 0).map((r) => r.key);
