import type { Grid, Unit } from '@lianfang/shared';
import { snapToRoad, type RoadGraph } from '@lianfang/shared/routing/index';
import type { Queryable } from '../db/database.js';
import type { CommandBus } from '../pipeline/command-bus.js';
import { planHistoryDay, type PlannedIncident } from './demo-history-plan.js';

const SETTING = 'demo_history';
const DAY_MS = 24 * 3600 * 1000;

export interface DemoHistoryOptions {
  days: number;
  perDay: number;
  seed: number;
  timeZone: string;
  /** The end of the past (the demo's first start); kept in settings, so a restart continues the same history. */
  nowMs?: number;
}

export interface DemoHistoryDeps {
  bus: CommandBus;
  db: Queryable;
  graph: RoadGraph;
  grids: readonly Grid[];
  units: readonly Pick<Unit, 'id' | 'callsign' | 'force' | 'mode'>[];
}

interface Progress {
  endsAt: string;
  days: number;
  perDay: number;
  seed: number;
  written: number;
}

/**
 * Writes the demo's past, one day per transaction through the command bus, into
 * the tables the live system writes (incidents, incident_units, incident_events),
 * so the analytics triggers derive its facts exactly as they do for live cases.
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
      await insertDay(q, planned);
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

const iso = (ms: number | null) => (ms === null ? null : new Date(Math.round(ms)).toISOString());

/** Three multi-row inserts per day (a day is a few dozen incidents): the triggers still run per row. */
async function insertDay(q: Queryable, planned: readonly PlannedIncident[]): Promise<void> {
  if (planned.length === 0) return;
  const incidentRows = planned.map((i) => {
    const first = (pick: (a: PlannedIncident['assignments'][number]) => number | null) => {
      const times = i.assignments.map(pick).filter((t): t is number => t !== null);
      return times.length > 0 ? Math.min(...times) : null;
    };
    return [
      i.id,
      i.status,
      i.category,
      i.priority,
      i.source,
      i.title,
      i.lat,
      i.lon,
      i.gridId,
      i.source === 'alert' ? 1 : 0,
      iso(i.createdAt),
      iso(Math.max(i.createdAt, i.closedAt ?? i.resolvedAt ?? i.createdAt)),
      i.level,
      iso(first((a) => a.dispatchedAt)),
      iso(first((a) => a.acknowledgedAt)),
      iso(first((a) => a.enRouteAt)),
      iso(first((a) => a.onSceneAt)),
      iso(i.resolvedAt),
      iso(i.closedAt),
      iso(i.ackBreachedAt),
      iso(i.arrivalBreachedAt),
      i.outcome,
      i.settledLevel,
      i.note,
      i.rating,
      i.feedback,
    ];
  });
  await insertRows(
    q,
    `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, alert_count, created_at, updated_at, level,
       dispatched_at, acknowledged_at, en_route_at, on_scene_at, resolved_at, closed_at, ack_breached_at, arrival_breached_at,
       outcome, settled_level, resolution_note, rating, feedback, demo) VALUES`,
    incidentRows,
    'true',
  );
  const assignmentRows = planned.flatMap((i) =>
    i.assignments.map((a) => [
      i.id,
      a.unitId,
      a.status,
      iso(a.dispatchedAt),
      iso(a.acknowledgedAt),
      iso(a.enRouteAt),
      iso(a.onSceneAt),
      iso(a.clearedAt),
      iso(a.ackTimeoutAt),
      a.replacementUnitId,
    ]),
  );
  if (assignmentRows.length > 0)
    await insertRows(
      q,
      `INSERT INTO incident_units (incident_id, unit_id, status, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, ack_timeout_at, replacement_unit_id) VALUES`,
      assignmentRows,
    );
  // In time order per incident: the timeline's hash chain links each row to the one before it.
  const eventRows = planned.flatMap((i) => i.events.map((e) => [i.id, iso(e.at), e.actor, e.kind, JSON.stringify(e.data)]));
  for (let from = 0; from < eventRows.length; from += 500)
    await insertRows(q, 'INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES', eventRows.slice(from, from + 500));
}

async function insertRows(q: Queryable, head: string, rows: readonly (readonly unknown[])[], constant?: string): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const slots = row.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${[...slots, ...(constant ? [constant] : [])].join(', ')})`;
  });
  await q.query(`${head} ${tuples.join(', ')}`, params);
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
