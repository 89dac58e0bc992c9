import { describe, expect, it } from 'vitest';
import { SCREEN_PALETTE } from '../../src/charts/chart-palette';
import { closureOption } from '../../src/features/analytics/charts/closure-option';
import { complianceOption } from '../../src/features/analytics/charts/compliance-option';
import { heatmapOption } from '../../src/features/analytics/charts/heatmap-option';
import { histogramOption } from '../../src/features/analytics/charts/histogram-option';
import { trendOption } from '../../src/features/analytics/charts/trend-option';
import { closureRow, heatmapCells, histogramRows, responseRow } from './analytics-fixtures';
import { translator } from './analytics-plugins';

const t = translator('en');
type Series = { name?: string; data: unknown[]; markLine?: { data: unknown[] } };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;

describe('chart options are the server figures, drawn as they are', () => {
  it('histogram: minute bars split on time / late, centred on the minute, with the 5-minute line at 5', () => {
    const o = histogramOption(histogramRows({ 4: [2, 2], 5: [3, 2], 16: [1, 0], 30: [2, 0] }), SCREEN_PALETTE, t);
    const [within, late] = seriesOf(o);
    expect(within!.data[4]).toEqual([4.5, 2]);
    expect(within!.data[5]).toEqual([5.5, 2]);
    expect(late!.data[5]).toEqual([5.5, 1]);
    expect(late!.data[16]).toEqual([16.5, 1]);
    expect(late!.data[30]).toEqual([30.5, 2]);
    expect(within!.markLine!.data).toEqual([{ xAxis: 5 }]);
    expect(within!.name).toBe('Within target');
  });

  it('trend: p50 and p90 in minutes per bucket, gaps stay gaps', () => {
    const rows = [
      responseRow('2024-03-04', { responseP50: 270, responseP90: 510 }),
      responseRow('2024-03-06', { responseP50: null, responseP90: null, responded: 0 }),
    ];
    const [p50, p90] = seriesOf(trendOption(rows, SCREEN_PALETTE, t));
    expect(p50!.data).toEqual([4.5, null]);
    expect(p90!.data).toEqual([8.5, null]);
    expect((trendOption(rows, SCREEN_PALETTE, t) as { xAxis: { data: string[] } }).xAxis.data).toEqual(['2024-03-04', '2024-03-06']);
  });

  it('compliance by grid: worst first, labelled with the counts, grids nobody reached left out', () => {
    const rows = [
      responseRow('g1', { label: '东湖网格', withinTarget: 4, responded: 5, withinTargetShare: 0.8 }),
      responseRow('g2', { label: 'West', withinTarget: 1, responded: 3, withinTargetShare: 1 / 3 }),
      responseRow('g3', { responded: 0, withinTarget: 0, withinTargetShare: null }),
    ];
    const o = complianceOption(rows, SCREEN_PALETTE, t) as { xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['West', '东湖网格']);
    const data = seriesOf(o)[0]!.data as { value: number; key: string; label: { formatter: string } }[];
    expect(data.map((d) => [d.key, d.value, d.label.formatter])).toEqual([
      ['g2', 33.3, '1/3'],
      ['g1', 80, '4/5'],
    ]);
  });

  it('heatmap: [hour, weekday − 1, count] for all 168 cells, Monday first', () => {
    const o = heatmapOption(heatmapCells({ '1-9': 2, '4-7': 1 }), SCREEN_PALETTE, t);
    const data = seriesOf(o)[0]!.data as [number, number, number][];
    expect(data).toHaveLength(168);
    expect(data.filter((d) => d[2] > 0)).toEqual([
      [9, 0, 2],
      [7, 3, 1],
    ]);
    expect((o as { yAxis: { data: string[] } }).yAxis.data[0]).toBe('Mon');
  });

  it('closure: settled counts stacked per level and the closure rate in percent', () => {
    const rows = [
      closureRow('criminal', { received: 3, concluded: 1, closureRate: 1 / 3, settledGrid: 1, settledCommunity: 0, settledStreet: 0, settledDepartment: 0 }),
      closureRow('fire', { received: 0 }),
    ];
    const series = seriesOf(closureOption(rows, SCREEN_PALETTE, t));
    expect(series.map((s) => s.name)).toEqual(['Grid', 'Community', 'Street', 'Department', 'Concluded share']);
    expect(series.map((s) => s.data)).toEqual([[1], [0], [0], [0], [33.3]]);
  });
});
