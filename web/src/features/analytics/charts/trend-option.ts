import type { ResponseRow } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import { toMinutes } from '../analytics-format';
import { axisStyle, type ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

/** p50 and p90 of the response time per day, week or month (minutes), with the 5-minute target line. */
export function trendOption(rows: readonly ResponseRow[], p: ChartPalette, t: Translate): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.label), ...axisStyle(p), splitLine: { show: false } },
    yAxis: { type: 'value', name: t('analytics.axis.minutes'), ...axisStyle(p) },
    series: [
      {
        name: 'p50',
        type: 'line',
        symbolSize: 6,
        connectNulls: false,
        itemStyle: { color: p.accent },
        data: rows.map((r) => toMinutes(r.responseP50)),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: p.bad, type: 'dashed' },
          label: { formatter: t('analytics.fiveMinuteLine'), color: p.bad },
          data: [{ yAxis: 5 }],
        },
      },
      { name: 'p90', type: 'line', symbolSize: 6, connectNulls: false, itemStyle: { color: p.second }, data: rows.map((r) => toMinutes(r.responseP90)) },
    ],
  };
}
