import type { ClosureQuery, ResponseQuery } from '@lianfang/shared';
import type { Database } from '../../../db/database.js';
import { inAnalyticsSession } from './analytics-session.js';
import { closureMeasures } from './closure-measures.js';
import { responseMeasures } from './response-measures.js';

type Shape = { kind: 'response'; q: Omit<ResponseQuery, 'from' | 'to'> } | { kind: 'closure'; q: Omit<ClosureQuery, 'from' | 'to'> };

/**
 * The tables the dashboard opens with (web/src/features/analytics/analytics.store.ts:
 * trend by day/week/month with the response percentiles, on time by grid, the
 * phase table by priority, closure by category), for any window up to a year.
 */
const DASHBOARD_SHAPES: readonly Shape[] = [
  ...(['day', 'week', 'month'] as const).map((groupBy): Shape => ({ kind: 'response', q: { groupBy, percentiles: 'response' } })),
  { kind: 'response', q: { groupBy: 'grid', percentiles: 'none' } },
  { kind: 'response', q: { groupBy: 'priority' } },
  { kind: 'closure', q: { groupBy: 'category', percentiles: 'none' } },
];

/**
 * After a start the kept figures are empty, and the first manager to open a
 * year would wait for every month to be read (1–3 s on a million incidents).
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

  constructor(private readonly db: Database, private readonly timeZone: string, private readonly onError: (err: unknown) => void) {}

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

  /** Reads every dashboard table over [the first of the month 12 months ago, tomorrow) in the district's zone. */
  async run(): Promise<void> {
    try {
      const [w] = await this.db.query<{ from: string; to: string }>(
        `SELECT to_json((date_trunc('month', now() AT TIME ZONE $1) - interval '12 months') AT TIME ZONE $1) #>> '{}' AS "from",
                to_json((date_trunc('day', now() AT TIME ZONE $1) + interval '1 day') AT TIME ZONE $1) #>> '{}' AS "to"`,
        [this.timeZone],
      );
      if (!w) return;
      const window = { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() };
      for (const shape of DASHBOARD_SHAPES) {
        if (this.stopped) return;
        await inAnalyticsSession<unknown>(this.db, this.timeZone, (ctx) =>
          shape.kind === 'response' ? responseMeasures(ctx, { ...window, ...shape.q }) : closureMeasures(ctx, { ...window, ...shape.q }));
      }
    } catch (err) {
      if (!this.stopped) this.onError(err);
    }
  }
}
