import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAnalyticsStore } from '../../src/features/analytics/analytics.store';
import { closureRow, envelope, heatmapCells, histogramRows, responseRow } from './analytics-fixtures';
import { freshPinia } from '../support/test-app';

/** Answers each analytics path with a reply of its schema; records what was asked. */
function serveAnalytics(asked: URL[], delayFor: (url: URL) => number = () => 0) {
  return async (input: string) => {
    const url = new URL(input, 'http://localhost');
    asked.push(url);
    await new Promise((r) => setTimeout(r, delayFor(url)));
    const table = url.pathname.replace('/api/analytics/', '');
    const groupBy = url.searchParams.get('groupBy') ?? 'day';
    const bodies: Record<string, unknown> = {
      response: {
        ...envelope,
        groupBy,
        rows: [responseRow(groupBy === 'grid' ? 'g1' : `${groupBy}-1`)],
        total: responseRow('all', { received: Number(url.searchParams.get('gridId') === 'g2' ? 3 : 10) }),
      },
      'response-histogram': { ...envelope, binSeconds: 60, responded: 8, rows: histogramRows({ 4: [2, 2] }) },
      closure: { ...envelope, groupBy, rows: [closureRow('criminal')], total: closureRow('all') },
      'category-change': {
        ...envelope,
        previousFrom: envelope.from,
        previousTo: envelope.to,
        rows: [],
        total: { category: 'all', current: 10, previous: 4, change: 6, changeShare: 1.5 },
      },
      heatmap: { ...envelope, rows: heatmapCells({}) },
      coverage: { ...envelope, interval: url.searchParams.get('interval'), rows: [] },
      units: { ...envelope, per: url.searchParams.get('per'), rows: [] },
      'key-areas': {
        ...envelope,
        rows: [{ keyAreaId: 'k1', name: '学校门口', everyMinutes: 30, from: '09:00', to: '11:00', slotsRequired: 16, slotsVisited: 3, compliance: 3 / 16 }],
      },
    };
    return new Response(JSON.stringify(bodies[table]), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('analytics store', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks every table for the same window and filters, each with its grouping', async () => {
    freshPinia();
    const asked: URL[] = [];
    vi.stubGlobal('fetch', serveAnalytics(asked));
    const store = useAnalyticsStore();
    await store.load({ fromDay: '2024-03-04', toDay: '2024-03-05', gridId: 'g1', priority: 'P1' });
    expect(asked).toHaveLength(10);
    for (const u of asked) {
      expect(u.searchParams.get('from')).toBe(new Date(2024, 2, 4).toISOString());
      expect(u.searchParams.get('to')).toBe(new Date(2024, 2, 6).toISOString());
      expect(u.searchParams.get('gridId')).toBe('g1');
      expect(u.searchParams.get('priority')).toBe('P1');
    }
    const what = asked
      .map((u) => `${u.pathname.slice(15)} ${u.searchParams.get('groupBy') ?? u.searchParams.get('interval') ?? u.searchParams.get('per') ?? ''}`.trim())
      .sort();
    // two days: day bars and hourly coverage
    expect(what).toEqual([
      'category-change',
      'closure category',
      'coverage hour',
      'heatmap',
      'key-areas',
      'response day',
      'response grid',
      'response priority',
      'response-histogram',
      'units force',
    ]);
    // each table asks only for the percentiles its views draw; the phase table draws all four (the default)
    const percentiles = asked
      .filter((u) => /\/(response|closure)$/.test(u.pathname))
      .map((u) => `${u.pathname.slice(15)} ${u.searchParams.get('groupBy')} ${u.searchParams.get('percentiles') ?? 'all'}`)
      .sort();
    expect(percentiles).toEqual(['closure category none', 'response day response', 'response grid none', 'response priority all']);
    // key-area compliance (the slowest table) arrives on its own, without holding the charts back
    await vi.waitFor(() => expect(store.keyAreas?.rows[0]?.slotsVisited).toBe(3));
    expect(store.data?.trend.total.received).toBe(10);
    expect(store.data?.byGrid.rows[0]?.key).toBe('g1');
    expect(store.loading).toBe(false);
  });

  it('keeps the newest filters when an older answer arrives last', async () => {
    freshPinia();
    const asked: URL[] = [];
    // The first request (grid g1) answers slowly, the second (g2) at once.
    vi.stubGlobal(
      'fetch',
      serveAnalytics(asked, (u) => (u.searchParams.get('gridId') === 'g1' ? 50 : 0)),
    );
    const store = useAnalyticsStore();
    const slow = store.load({ fromDay: '2024-03-04', toDay: '2024-03-10', gridId: 'g1' });
    const fast = store.load({ fromDay: '2024-03-04', toDay: '2024-03-10', gridId: 'g2' });
    await Promise.all([slow, fast]);
    expect(store.filters.gridId).toBe('g2');
    expect(store.data?.trend.total.received).toBe(3);
  });

  it("shows the server's message when a table fails, and switches the unit table alone", async () => {
    freshPinia();
    const asked: URL[] = [];
    const serve = serveAnalytics(asked);
    vi.stubGlobal('fetch', async (input: string) =>
      input.includes('/heatmap')
        ? new Response(JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'to: the window is longer than 732 days', field: 'to' }), {
            status: 400,
            headers: { 'content-type': 'application/json' },
          })
        : serve(input),
    );
    const store = useAnalyticsStore();
    await store.load({ fromDay: '2020-01-01', toDay: '2024-03-10' });
    expect(store.error).toBe('to: the window is longer than 732 days');
    expect(store.data).toBeNull();

    vi.stubGlobal('fetch', serveAnalytics(asked));
    await store.load();
    asked.length = 0;
    await store.setUnitsPer('team');
    expect(asked.map((u) => u.pathname + ' ' + u.searchParams.get('per'))).toEqual(['/api/analytics/units team']);
    expect(store.data?.units.per).toBe('team');
    asked.length = 0;
    await store.setTableBy('shift');
    expect(asked.map((u) => u.pathname + ' ' + u.searchParams.get('groupBy'))).toEqual(['/api/analytics/response shift']);
    expect(store.data?.byGroup.groupBy).toBe('shift');
  });
});
