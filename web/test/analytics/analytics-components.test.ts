import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ComparisonTable from '../../src/features/analytics/components/ComparisonTable.vue';
import KeyAreaTable from '../../src/features/analytics/components/KeyAreaTable.vue';
import KpiTiles from '../../src/features/analytics/components/KpiTiles.vue';
import ResponseTable from '../../src/features/analytics/components/ResponseTable.vue';
import { describeDrill } from '../../src/features/analytics/drill-description';
import { closureRow, envelope, responseRow } from './analytics-fixtures';
import { analyticsPlugins, translator } from './analytics-plugins';

const cells = (row: { findAll(s: string): { text(): string }[] }) => row.findAll('td').map((c) => c.text());

describe('analytics tables', () => {
  it('period comparison: both counts and the difference beside every percentage; no percentage from nothing', async () => {
    const { plugins } = analyticsPlugins('en');
    const reply = {
      ...envelope,
      previousFrom: envelope.from,
      previousTo: envelope.to,
      rows: [
        { category: 'criminal', current: 17, previous: 50, change: -33, changeShare: -0.66 },
        { category: 'medical', current: 1, previous: 0, change: 1, changeShare: null },
      ],
      total: { category: 'all', current: 18, previous: 50, change: -32, changeShare: -0.64 },
    };
    const w = mount(ComparisonTable, { props: { reply }, global: { plugins } });
    const rows = w.findAll('tbody tr');
    expect(rows.map(cells)).toEqual([
      ['Criminal', '17', '50', '−33', '−66.0%'],
      ['Medical', '1', '0', '+1', '–'],
      ['Total', '18', '50', '−32', '−64.0%'],
    ]);
    await rows[0]!.find('a').trigger('click');
    expect(w.emitted('drill')).toEqual([['criminal']]);
  });

  it('response table and KPI tiles print durations as m:ss (rounded to the second) and shares with their counts (zh-CN)', () => {
    const { plugins } = analyticsPlugins('zh-CN');
    const reply = {
      ...envelope,
      groupBy: 'priority',
      rows: [
        responseRow('P1', {
          responseP50: 240,
          responseP90: 394.5,
          withinFive: 1,
          withinFiveShare: 0.25,
          withinTarget: 2,
          responded: 4,
          withinTargetShare: 0.5,
        }),
      ],
      total: responseRow('all'),
    };
    const table = mount(ResponseTable, { props: { reply }, global: { plugins } });
    expect(cells(table.findAll('tbody tr')[0]!)).toEqual(['P1', '10', '4', '0:30', '0:20', '3:20', '4:00', '6:35', '1/4', '25.0%', '2/4', '50.0%']);
    expect(cells(table.findAll('tbody tr')[1]!)[0]).toBe('合计');
    // grouped by shift and by force, the keys read in the screen's language; "none" is no grid
    const byShift = mount(ResponseTable, { props: { reply: { ...reply, groupBy: 'shift', rows: [responseRow('night')] } }, global: { plugins } });
    expect(cells(byShift.findAll('tbody tr')[0]!)[0]).toBe('夜班（20–8 时）');
    const byGrid = mount(ResponseTable, { props: { reply: { ...reply, groupBy: 'grid', rows: [responseRow('none')] } }, global: { plugins } });
    expect(cells(byGrid.findAll('tbody tr')[0]!)[0]).toBe('网格外');

    const tiles = mount(KpiTiles, { props: { response: responseRow('all'), closure: closureRow('all') }, global: { plugins } });
    expect(tiles.get('[data-testid=kpi-within]').text()).toBe('75.0%');
    expect(tiles.get('[data-testid=kpi-closure]').text()).toBe('80.0%');
    expect(tiles.get('[data-testid=kpi-within-five]').text()).toBe('62.5%');
    expect(tiles.get('[data-testid=kpi-open]').text()).toContain('20.0%');
    expect(tiles.get('[data-testid=kpi-evaluated]').text()).toBe('57.1%');
    expect(tiles.text()).toContain('6 / 8');
    expect(tiles.text()).toContain('5 / 8');
    expect(tiles.text()).toContain('8 / 10');
    expect(tiles.text()).toContain('4 / 7');
  });

  it('key-area compliance: visited ÷ required with both counts; nothing required shows no share (both languages)', () => {
    const reply = {
      ...envelope,
      rows: [
        { keyAreaId: 'k1', name: '学校门口', everyMinutes: 30, from: '09:00', to: '11:00', slotsRequired: 16, slotsVisited: 3, compliance: 3 / 16 },
        { keyAreaId: 'k2', name: 'Night market', everyMinutes: 360, from: '00:00', to: '00:00', slotsRequired: 0, slotsVisited: 0, compliance: null },
      ],
    };
    const en = mount(KeyAreaTable, { props: { reply }, global: { plugins: analyticsPlugins('en').plugins } });
    expect(en.findAll('tbody tr').map(cells)).toEqual([
      ['学校门口', '09:00–11:00', '30 min', '16', '3', '18.8%'],
      ['Night market', '00:00–00:00', '360 min', '0', '0', '–'],
    ]);
    expect(en.find('[data-testid=key-areas-empty]').exists()).toBe(false);
    const zh = mount(KeyAreaTable, { props: { reply: { ...reply, rows: [reply.rows[1]!] } }, global: { plugins: analyticsPlugins('zh-CN').plugins } });
    expect(cells(zh.findAll('tbody tr')[0]!)[2]).toBe('每 360 分钟');
    expect(zh.get('[data-testid=key-areas-empty]').text()).toBe('该时段没有需要巡防的重点部位');
  });

  it('says in words what a drill-down lists', () => {
    const t = translator('en');
    expect(describeDrill({ groupBy: 'category', groupKey: 'criminal', only: 'closed' }, t)).toBe('Category: Criminal · evaluated');
    expect(describeDrill({ responseFrom: 300, responseTo: 360, only: 'breached' }, t)).toBe('Response 5–6 min · arrived late');
    expect(describeDrill({ responseFrom: 1800 }, t)).toBe('Response ≥ 30 min · all received');
    expect(describeDrill({ weekday: 4, hour: 7 }, t)).toBe('Thu 7:00–7:59 · all received');
    expect(describeDrill({ groupBy: 'shift', groupKey: 'night', only: 'breached' }, t)).toBe('Shift: Night (20–08) · arrived late');
  });
});
