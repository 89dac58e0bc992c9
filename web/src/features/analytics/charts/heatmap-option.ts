import type { HeatmapCell } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import type { ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

/** Incidents received per local hour (x) and ISO weekday (y, Monday on top). */
export function heatmapOption(cells: readonly HeatmapCell[], p: ChartPalette, t: Translate): ChartOption {
  const max = cells.reduce((m, c) => Math.max(m, c.count), 0);
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 8, bottom: 64 },
    tooltip: { position: 'top' },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h)),
      splitArea: { show: true },
      axisLabel: { color: p.text },
      axisLine: { lineStyle: { color: p.line } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [1, 2, 3, 4, 5, 6, 7].map((d) => t(`analytics.weekday.${d}`)),
      axisLabel: { color: p.text },
      axisLine: { lineStyle: { color: p.line } },
    },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      textStyle: { color: p.text },
      inRange: { color: p.heat },
    },
    series: [
      {
        name: t('analytics.axis.incidents'),
        type: 'heatmap',
        data: cells.map((c) => [c.hour, c.weekday - 1, c.count]),
        label: { show: false },
      },
    ],
  };
}
