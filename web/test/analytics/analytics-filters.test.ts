import { describe, expect, it } from 'vitest';
import { addDays, daysIn, defaultFilters, filtersFromQuery, filtersToQuery, toParams, trendGrouping } from '../../src/features/analytics/analytics-filters';
import { drillFromQuery, drillParams, drillRoute } from '../../src/features/analytics/drill-target';

describe('analytics filters and drill targets', () => {
  it('turns an inclusive range of local days into the window [from, to) of instants', () => {
    const p = toParams({ fromDay: '2024-03-04', toDay: '2024-03-07', gridId: 'g1', priority: 'P1' });
    expect(p).toEqual({ from: new Date(2024, 2, 4).toISOString(), to: new Date(2024, 2, 8).toISOString(), gridId: 'g1', priority: 'P1' });
    expect(daysIn({ fromDay: '2024-03-04', toDay: '2024-03-07' })).toBe(4);
    // a leap day and a month end
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
  });

  it('defaults to the last 30 days and ignores malformed query values', () => {
    const now = new Date(2024, 2, 31, 15, 0);
    expect(defaultFilters(now)).toEqual({ fromDay: '2024-03-02', toDay: '2024-03-31' });
    expect(filtersFromQuery({ from: 'yesterday', to: '2024-03-31', force: 'army', category: 'dispute', priority: 'P9', grid: 'g7' }, now)).toEqual({
      fromDay: '2024-03-02',
      toDay: '2024-03-31',
      category: 'dispute',
      gridId: 'g7',
    });
    // an end before the start is pulled up to the start
    expect(filtersFromQuery({ from: '2024-03-10', to: '2024-03-01' }, now)).toEqual({ fromDay: '2024-03-10', toDay: '2024-03-10' });
  });

  it('round-trips through the URL', () => {
    const f = { fromDay: '2024-01-01', toDay: '2024-12-31', force: 'police' as const, category: 'criminal' as const };
    expect(filtersFromQuery(filtersToQuery(f) as Record<string, string>)).toEqual(f);
  });

  it('picks day, week or month bars by the length of the window', () => {
    expect(trendGrouping({ fromDay: '2024-03-01', toDay: '2024-04-30' })).toBe('day');
    expect(trendGrouping({ fromDay: '2024-01-01', toDay: '2024-12-31' })).toBe('week');
    expect(trendGrouping({ fromDay: '2023-01-01', toDay: '2024-12-31' })).toBe('month');
  });

  it('a drill target survives the URL and becomes the drill-down endpoint parameters', () => {
    const f = { fromDay: '2024-03-04', toDay: '2024-03-07' };
    const route = drillRoute(f, { responseFrom: 300, responseTo: 360, only: 'breached' }) as { name: string; query: Record<string, string> };
    expect(route).toEqual({
      name: 'analytics-incidents',
      query: { from: '2024-03-04', to: '2024-03-07', responseFrom: '300', responseTo: '360', only: 'breached' },
    });
    const back = drillFromQuery(route.query);
    expect(back.filters).toEqual(f);
    expect(drillParams(back.target)).toEqual({ only: 'breached', responseFrom: 300, responseTo: 360 });
    // a group needs both halves; an unknown subset is dropped
    expect(drillFromQuery({ groupBy: 'grid', only: 'everything', weekday: '4', hour: '7' }).target).toEqual({ weekday: 4, hour: 7 });
  });
});
