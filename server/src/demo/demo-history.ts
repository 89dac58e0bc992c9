import type { DescribeLocation } from '../modules/places/describe-location.js';
import type { Grid, HistoryIncident, LadderLevel, Unit } from '@lianfang/shared';
import { snapToRoad, type RoadGraph } from '@lianfang/shared/routing/index';
import type { Queryable } from '../db/database.js';
import type { CommandBus } from '../pipeline/command-bus.js';
import { planHistoryImport, writeHistory } from '../modules/incidents/history-import.js';
import { DEMO_CREW, DEMO_OPERATOR, planHistoryDay, type PlannedIncident } from './demo-history-plan.js';

const SETTING = 'demo_history';
const DAY_MS = 24 * 3600 * 1000;

export interface DemoHistoryOptions {
  days: number;
  perDay: number;
  seed: number;
  timeZone: string;
  /** The end of the past (the demo's first start); kept in settings, so a restart continues the same history. */
  nowMs?: number;
  /** ACK_TIMEOUT_SECONDS: the history import applies the live watcher's limit */
  ackLimitSeconds?: number;
}

export interface DemoHistoryDeps {
  bus: CommandBus;
  db: Queryable;
  graph: RoadGraph;
  grids: readonly Grid[];
  units: readonly Pick<Unit, 'id' | 'callsign' | 'force' | 'mode'>[];
  /** each past case's location text, as a district's import gets it (the places module) */
  describe?: DescribeLocation;
}

interface Progress {
  endsAt: string;
  days: number;
  perDay: number;
  seed: number;
  written: number;
}

/**
 * Writes the demo's past, one day per transaction, through the history import
 * (modules/incidents/history-import.ts) that a district uses for its own past: the
 * live rules derive first times, breaches and timeouts, and the analytics triggers
 * derive the facts exactly as they do for live cases.
 * The rows carry `incidents.demo = true` (migration 023). Progress is kept in
 * settings with the day it ends on: a restart continues where it stopped, and a
 * finished history is never written twice. No events are published: these
 * incidents are closed, so no live screen shows them; the dashboard reads them.
 */
export async function writeDemoHistory(deps: DemoHistoryDeps, options: DemoHistoryOptions): Promise<{ incidents: number; days: number; seconds: number }> {
  const started = performance.now();
  const progress = await loadProgress(deps.db, options);
  const endMs = Date.parse(progress.endsAt);
  const local = localClock(options.timeZone);
  let incidents = 0;
  let days = 0;
  for (let day = progress.written; day < progress.days; day++) {
    const planned = planHistoryDay({
      dayStartMs: endMs - (progress.days - day) * DAY_MS,
      dayIndex: day,
      endMs,
      perDay: progress.perDay,
      seed: progress.seed,
      grids: deps.grids,
      units: deps.units,
      snap: (lat, lon) => snapToRoad(deps.graph, lat, lon, { radiusM: 400 }),
      localHour: local.hour,
      localWeekday: local.weekday,
    });
    await deps.bus.run(async (q) => {
      await insertDay(q, planned, options.ackLimitSeconds ?? 60, endMs, deps.describe);
      await q.query('UPDATE settings SET value = $1 WHERE key = $2', [JSON.stringify({ ...progress, written: day + 1 }), SETTING]);
      return { result: undefined, events: [] };
    });
    incidents += planned.length;
    days++;
  }
  return { incidents, days, seconds: (performance.now() - started) / 1000 };
}

async function loadProgress(q: Queryable, options: DemoHistoryOptions): Promise<Progress> {
  const [row] = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]);
  if (row) return JSON.parse(row.value) as Progress;
  const progress: Progress = {
    endsAt: new Date(options.nowMs ?? Date.now()).toISOString(),
    days: options.days,
    perDay: options.perDay,
    seed: options.seed,
    written: 0,
  };
  // Two instances starting together: the first claim wins, the other reads it.
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SETTING, JSON.stringify(progress)]);
  const [claimed] = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]);
  return JSON.parse(claimed!.value) as Progress;
}

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
const isoOr = (ms: number | null) => (ms === null ? undefined : iso(ms));

/**
 * A planned case as the history import takes it: what was received, each unit's times, how it
 * ended. The import derives everything else (first times, breaches, timeouts, the ladder's
 * lifts by breach, the facts) by the live rules, as it does for a district's own past.
 */
export function asHistoryIncident(i: PlannedIncident): HistoryIncident {
  const resolved = i.status === 'resolved' || i.status === 'closed';
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
  return defined({
    externalId: i.id,
    category: i.category,
    priority: i.priority,
    source: i.source,
    title: i.title,
    lat: i.lat,
    lon: i.lon,
    receivedAt: iso(i.createdAt),
    units: i.assignments.map((a) =>
      defined({
        callsign: a.callsign,
        dispatchedAt: iso(a.dispatchedAt),
        acknowledgedAt: isoOr(a.acknowledgedAt),
        enRouteAt: isoOr(a.enRouteAt),
        onSceneAt: isoOr(a.onSceneAt),
        clearedAt: isoOr(a.clearedAt),
      }),
    ),
    // the desk's own lifts; a lift by breach is the import's to derive
    // (the planner may place a lift after a quick resolve: a lift after the end never happened)
    escalations: i.events
      .filter((e) => e.kind === 'escalated' && e.actor === DEMO_OPERATOR && e.at <= (i.resolvedAt ?? i.closedAt ?? Infinity))
      .map((e) => ({ at: iso(e.at), to: e.data.to as LadderLevel })),
    resolvedAt: resolved ? isoOr(i.resolvedAt) : undefined,
    outcome: resolved ? (i.outcome ?? undefined) : undefined,
    settledLevel: resolved ? (i.settledLevel ?? undefined) : undefined,
    resolutionNote: i.note ?? undefined,
    evaluatedAt: i.status === 'closed' ? isoOr(i.closedAt) : undefined,
    rating: i.status === 'closed' ? (i.rating ?? undefined) : undefined,
    feedback: i.status === 'closed' ? (i.feedback ?? undefined) : undefined,
    cancelledAt: resolved ? undefined : isoOr(i.closedAt),
    cancelledAs: i.status === 'cancelled' || i.status === 'false_alarm' ? i.status : undefined,
  });
}

/** One day through the history import: refused rows would be a bug in the planner, so they fail loudly. */
async function insertDay(
  q: Queryable,
  planned: readonly PlannedIncident[],
  ackLimitSeconds: number,
  nowMs: number,
  describe?: DescribeLocation,
): Promise<void> {
  if (planned.length === 0) return;
  const options = {
    dryRun: false,
    actor: DEMO_OPERATOR,
    ackLimitSeconds,
    nowMs,
    demo: { idFor: (externalId: string) => externalId, crewActor: DEMO_CREW },
    ...(describe ? { describe } : {}),
  };
  const { report, toWrite } = await planHistoryImport(q, planned.map(asHistoryIncident), options);
  const refused = report.rows.find((r) => r.action === 'reject');
  if (refused) throw new Error(`demo history: case ${refused.key} refused: ${refused.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  await writeHistory(q, toWrite, options);
}

/** Local hour and ISO weekday of an instant in the district's zone (the dashboard buckets by them). */
function localClock(timeZone: string): { hour(ms: number): number; weekday(ms: number): number } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const parts = (ms: number) => format.formatToParts(new Date(ms));
  return {
    hour: (ms) => Number(parts(ms).find((p) => p.type === 'hour')!.value),
    weekday: (ms) => days.indexOf(parts(ms).find((p) => p.type === 'weekday')!.value) + 1,
  };
}
