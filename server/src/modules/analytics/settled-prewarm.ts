import type { Database } from '../../db/database.js';
import type { AnalyticsContext } from './analytics-scope.js';
import { inAnalyticsSession } from './analytics-session.js';
import { categoryChange } from './category-change.js';
import { closureMeasures } from './closure-measures.js';
import { incidentHeatmap } from './incident-heatmap.js';
import { responseHistogram } from './response-histogram.js';
import { responseMeasures } from './response-measures.js';
import { settledFiguresOf } from './settled-figures.js';
import { unitActivity } from './unit-activity.js';

type Window = { from: string; to: string };
type Warm = { months: 3 | 13; read: (ctx: AnalyticsContext, w: Window) => Promise<unknown> };

/** The groupings the dashboard's phase table offers (web AnalyticsDashboardView.vue TABLE_GROUPINGS). */
const TABLE_GROUPINGS = ['priority', 'category', 'grid', 'force', 'team', 'shift'] as const;

/**
 * Every table the dashboard sends without filters (web/src/features/analytics/analytics.store.ts
 * `load` and `setTableBy`, and its CSV buttons), read in full: a chart that asks for
 * fewer percentiles (the trend, on time by grid, closure) is served from the full
 * table's kept periods (MeasureSpec.servedFrom). The trend is by day for windows up
 * to 62 days only (analytics-filters.ts), so days are read for the last 3 months.
 * One kept sum per unit serves the unit table's three rollups.
 */
const DASHBOARD_TABLES: readonly Warm[] = [
  { months: 3, read: (ctx, w) => responseMeasures(ctx, { ...w, groupBy: 'day' }) },
  ...(['week', 'month', ...TABLE_GROUPINGS] as const).map((groupBy): Warm => ({ months: 13, read: (ctx, w) => responseMeasures(ctx, { ...w, groupBy }) })),
  { months: 13, read: (ctx, w) => responseHistogram(ctx, w) },
  { months: 13, read: (ctx, w) => incidentHeatmap(ctx, w) },
  { months: 13, read: (ctx, w) => closureMeasures(ctx, { ...w, groupBy: 'category' }) },
  // its previous period is as long again: the 13 months before, which hold the previous period of "this year"
  { months: 13, read: (ctx, w) => categoryChange(ctx, w) },
  { months: 13, read: (ctx, w) => unitActivity(ctx, { ...w, per: 'force' }) },
];

/**
 * After a start the kept figures are empty, and the first manager to open a
 * year would wait for every month to be read (0.3–1.3 s per table on a million
 * incidents, docs/performance.md).
 * A while after the start, this reads the dashboard's tables over the last 13
 * whole months once, in the background and one at a time (the analytics
 * sessions' own limit keeps it off the live path): the settled months and days
 * are then kept, and the periods of "this year" or "the last 365 days" are among
 * them. Its errors are reported, never thrown: it is only a head start.
 */
export class SettledPrewarm {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly timeZone: string,
    private readonly onError: (err: unknown) => void,
    private readonly onDone: (report: { tables: number; seconds: number; keptEntries: number; keptBytes: number }) => void = () => {},
  ) {}

  start(delayMs: number): void {
    if (delayMs <= 0) return;
    this.timer = setTimeout(() => void (this.running = this.run()), delayMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Reads every dashboard table over the last 13 (or 3) whole months up to tomorrow
   * in the district's zone, or up to `until` (the benchmark's data lies in the past).
   */
  async run(until?: string): Promise<void> {
    try {
      const [w] = await this.db.query<{ to: string; from13: string; from3: string }>(
        `WITH e AS (SELECT COALESCE($2::timestamptz, (date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1) AS e),
              m AS (SELECT date_trunc('month', (e.e - interval '1 microsecond') AT TIME ZONE $1) AS m FROM e)
         SELECT to_json(e.e) #>> '{}' AS "to",
                to_json((m.m - interval '12 months') AT TIME ZONE $1) #>> '{}' AS from13,
                to_json((m.m - interval '2 months') AT TIME ZONE $1) #>> '{}' AS from3
           FROM e, m`,
        [this.timeZone, until ?? null],
      );
      if (!w) return;
      const to = new Date(w.to).toISOString();
      const started = performance.now();
      for (const warm of DASHBOARD_TABLES) {
        if (this.stopped) return;
        const from = new Date(warm.months === 3 ? w.from3 : w.from13).toISOString();
        await inAnalyticsSession<unknown>(this.db, this.timeZone, (ctx) => warm.read(ctx, { from, to }));
      }
      const kept = settledFiguresOf(this.db).size;
      this.onDone({
        tables: DASHBOARD_TABLES.length,
        seconds: Math.round(performance.now() - started) / 1000,
        keptEntries: kept.entries,
        keptBytes: kept.bytes,
      });
    } catch (err) {
      if (!this.stopped) this.onError(err);
    }
  }
}
