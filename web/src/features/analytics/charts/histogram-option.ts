import { HISTOGRAM_BIN_SECONDS, type ResponseHistogramBin } from '@lianfang/shared';
import type { ChartOption } from '../../../charts/echarts-setup';
import { axisStyle, type ChartPalette } from '../../../charts/chart-palette';
import type { Translate } from './chart-labels';

const TARGET_MINUTES = 5;

/**
 * Response-time distribution: one bar per minute (the last one open), each split
 * into arrivals within their priority's target and late ones, with the 5-minute
 * line on the bar edge. A value axis in minutes so the line sits exactly at 5.
 */
export function histogramOption(rows: readonly ResponseHistogramBin[], p: ChartPalette, t: Translate): ChartOption {
  const binMinutes = HISTOGRAM_BIN_SECONDS / 60;
  const x = (r: ResponseHistogramBin) => (r.bin + 0.5) * binMinutes;
  const last = rows.length > 0 ? rows[rows.length - 1]!.bin + 1 : 31;
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: { color: p.text } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      min: 0,
      max: last * binMinutes,
      interval: 5,
      name: t('analytics.axis.minutes'),
      nameLocation: 'middle',
      nameGap: 26,
      ...axisStyle(p),
      splitLine: { show: false },
      // The last bar holds every longer response: its start reads "30+", the axis end has no label.
      axisLabel: { color: p.text, formatter: (v: number) => (v >= last * binMinutes ? '' : v >= (last - 1) * binMinutes ? `${v}+` : String(v)) },
    },
    yAxis: { type: 'value', minInterval: 1, name: t('analytics.axis.incidents'), ...axisStyle(p) },
    series: [
      {
        name: t('analytics.series.withinTarget'),
        type: 'bar',
        stack: 'n',
        barWidth: '90%',
        itemStyle: { color: p.ok },
        data: rows.map((r) => [x(r), r.withinTarget]),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: p.bad, type: 'dashed', width: 2 },
          label: { formatter: t('analytics.fiveMinuteLine'), color: p.bad, position: 'end' },
          data: [{ xAxis: TARGET_MINUTES }],
        },
      },
      {
        name: t('analytics.series.late'),
        type: 'bar',
        stack: 'n',
        barWidth: '90%',
        itemStyle: { color: p.bad },
        data: rows.map((r) => [x(r), r.responded - r.withinTarget]),
      },
    ],
  };
}
