import type { Grid, IncidentCategory, LadderLevel, Outcome, Priority, Unit } from '@lianfang/shared';
import { DEFAULT_TARGETS, findContainingArea, nextLevel, startLevel } from '@lianfang/shared';
import { DEMO_CASES, FEEDBACK, HOURLY_WEIGHT, RATINGS, type DemoCase } from './demo-cases.js';
import { between, demoRandom, logNormal, pickWeighted } from './demo-random.js';

/** Who wrote a step of the demo's past (and of its live part): never a person. */
export const DEMO_OPERATOR = 'demo:operator';
export const DEMO_CREW = 'demo:crew';

export interface PlannedAssignment {
  unitId: string;
  callsign: string;
  status: 'cleared' | 'dispatched';
  dispatchedAt: number;
  acknowledgedAt: number | null;
  enRouteAt: number | null;
  onSceneAt: number | null;
  clearedAt: number | null;
  ackTimeoutAt: number | null;
  replacementUnitId: string | null;
}

export interface PlannedEvent {
  at: number;
  actor: string;
  kind: string;
  data: Record<string, unknown>;
}

/** One incident of the past with every time it would have had, as epoch ms. */
export interface PlannedIncident {
  id: string;
  status: 'resolved' | 'closed' | 'cancelled' | 'false_alarm';
  category: IncidentCategory;
  priority: Priority;
  source: 'alert' | 'call' | 'patrol_report';
  title: string;
  lat: number;
  lon: number;
  gridId: string | null;
  level: LadderLevel;
  createdAt: number;
  resolvedAt: number | null;
  closedAt: number | null;
  ackBreachedAt: number | null;
  arrivalBreachedAt: number | null;
  outcome: Outcome | null;
  settledLevel: LadderLevel | null;
  note: string | null;
  rating: number | null;
  feedback: string | null;
  assignments: PlannedAssignment[];
  events: PlannedEvent[];
}

export interface HistoryDayInput {
  /** Start of the 24 h this plan covers (epoch ms) and its index in the history (ids and seeds). */
  dayStartMs: number;
  dayIndex: number;
  /** Nothing may happen after this (the first start of the demo): a later step is left undone. */
  endMs: number;
  /** Incidents on an average day. */
  perDay: number;
  seed: number;
  grids: readonly Grid[];
  units: readonly Pick<Unit, 'id' | 'callsign' | 'force' | 'mode'>[];
  /** A point on a street near (lat, lon), or null (the demo puts incidents where a patrol can drive). */
  snap(lat: number, lon: number): { lat: number; lon: number } | null;
  /** The local hour (0–23) of an instant, in the district's time zone. */
  localHour(ms: number): number;
  /** 1 = Monday … 7 = Sunday, local. */
  localWeekday(ms: number): number;
}

const S = 1000;
const MIN = 60 * S;

/**
 * One day of the demo's past, drawn so the dashboard shows figures a district
 * would recognise: about nine in ten arrivals within five minutes, ~98 % of
 * received incidents closed and evaluated, a few late arrivals, missed
 * acknowledgements, escalations, false alarms and cancellations. Pure: the same
 * input gives the same day, so a resumed write produces the same rows.
 */
export function planHistoryDay(input: HistoryDayInput): PlannedIncident[] {
  const random = demoRandom(input.seed * 7919 + input.dayIndex * 104_729);
  const weekday = input.localWeekday(input.dayStartMs + 12 * 3600 * S);
  // Weekends are busier on the street; a slow rise over the quarter gives the trend chart a slope.
  const volume = input.perDay * (weekday >= 6 ? 1.15 : 1) * (0.9 + 0.2 * (input.dayIndex / 90)) * between(random, 0.8, 1.2);
  const count = Math.max(1, Math.round(volume));
  const gridAreas = input.grids.filter((g) => g.level === 'grid');
  // Some grids are busier (the night market, the bank street): fixed per grid, not per day.
  const gridWeights = gridAreas.map((g, i) => [g, 1 + ((i * 37) % 11) / 4] as const);
  const planned: PlannedIncident[] = [];
  for (let n = 0; n < count; n++) {
    const createdAt = input.dayStartMs + drawSecondOfDay(random, input) * S;
    const kase = pickWeighted(
      random,
      DEMO_CASES.map((c) => [c, c.weight] as const),
    );
    const incident = planIncident(
      random,
      input,
      kase,
      `demo-h-${String(input.dayIndex).padStart(3, '0')}-${String(n).padStart(3, '0')}`,
      createdAt,
      pickWeighted(random, gridWeights),
    );
    if (incident) planned.push(incident);
  }
  return planned.sort((a, b) => a.createdAt - b.createdAt);
}

/** A second of the day, following HOURLY_WEIGHT in local time. */
function drawSecondOfDay(random: () => number, input: HistoryDayInput): number {
  const offset = input.localHour(input.dayStartMs);
  const hour = pickWeighted(
    random,
    HOURLY_WEIGHT.map((w, localHour) => [(localHour - offset + 24) % 24, w] as const),
  );
  return hour * 3600 + Math.floor(random() * 3600);
}

function planIncident(random: () => number, input: HistoryDayInput, kase: DemoCase, id: string, createdAt: number, grid: Grid): PlannedIncident | null {
  const ring = grid.ring;
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const at = input.snap(between(random, Math.min(...lats), Math.max(...lats)), between(random, Math.min(...lons), Math.max(...lons)));
  const area = at ? findContainingArea(at.lon, at.lat, input.grids) : null;
  // A street just outside the district (snapped across its edge) is not the district's case.
  if (!at || area?.level !== 'grid') return null;
  const gridId = area.id;
  const priority = pickWeighted(random, kase.priorities);
  const source = pickWeighted(random, [
    ['call', 55],
    ['alert', 35],
    ['patrol_report', 10],
  ] as const);
  const incident: PlannedIncident = {
    id,
    status: 'closed',
    category: kase.category,
    priority,
    source,
    title: kase.titles[Math.floor(random() * kase.titles.length)]!,
    lat: at.lat,
    lon: at.lon,
    gridId,
    level: startLevel(kase.category),
    createdAt,
    resolvedAt: null,
    closedAt: null,
    ackBreachedAt: null,
    arrivalBreachedAt: null,
    outcome: null,
    settledLevel: null,
    note: null,
    rating: null,
    feedback: null,
    assignments: [],
    events: [{ at: createdAt, actor: DEMO_OPERATOR, kind: 'created', data: { source } }],
  };
  const events = () => incident.events;

  const urgent = priority === 'P1' || priority === 'P2';
  // Call received → first dispatch (NFPA 1225 "processing"): under a minute for most urgent calls.
  const dispatchedAt = createdAt + logNormal(random, urgent ? 22 : 45, 0.4) * S;
  const lead = pickUnit(random, input.units, kase, new Set());
  if (!lead) return null;
  const taken = new Set([lead.id]);
  const first = planAssignment(random, lead, dispatchedAt, urgent);
  incident.assignments.push(first);

  // 3 %: the first unit never acknowledges; after the minute the next one is sent and goes.
  let responder = first;
  if (random() < 0.03) {
    const next = pickUnit(random, input.units, kase, taken);
    if (next) {
      taken.add(next.id);
      Object.assign(first, { acknowledgedAt: null, enRouteAt: null, onSceneAt: null, ackTimeoutAt: dispatchedAt + MIN, replacementUnitId: next.id });
      responder = planAssignment(random, next, dispatchedAt + MIN + between(random, 10, 40) * S, urgent);
      incident.assignments.push(responder);
    }
  }
  // A serious case gets a second unit a little later.
  if (priority === 'P1' && random() < 0.45) {
    const second = pickUnit(random, input.units, kase, taken);
    if (second) incident.assignments.push(planAssignment(random, second, dispatchedAt + between(random, 20, 120) * S, urgent));
  }
  const arrivedAt = Math.min(...incident.assignments.map((a) => a.onSceneAt ?? Infinity));
  recordBreaches(incident, arrivedAt);

  const ending = random();
  if (ending < 0.015) {
    // The caller rings back before anyone arrives: cancelled.
    const at = Math.min(arrivedAt, dispatchedAt + between(random, 30, 180) * S) - S;
    finish(incident, 'cancelled', at, '报警人来电取消');
  } else if (ending < 0.055) {
    // Nobody there, or a button pressed by mistake: the crew reports a false alarm on arrival.
    finish(incident, 'false_alarm', arrivedAt + between(random, 2, 8) * MIN, '现场核实为误报');
  } else {
    // Escalation: about one case in ten needs the level above the one it started at.
    if (random() < 0.1) {
      const to = nextLevel(incident.level);
      if (to) {
        events().push({
          at: arrivedAt + between(random, 3, 15) * MIN,
          actor: DEMO_OPERATOR,
          kind: 'escalated',
          data: { from: incident.level, to, reason: '现场需上级协调' },
        });
        incident.level = to;
      }
    }
    const resolvedAt = arrivedAt + logNormal(random, 22, 0.6) * MIN;
    const outcome = pickWeighted(random, kase.outcomes);
    incident.resolvedAt = resolvedAt;
    incident.outcome = outcome;
    incident.settledLevel = incident.level;
    incident.status = 'resolved';
    events().push({ at: resolvedAt, actor: DEMO_CREW, kind: 'resolved', data: { outcome, settledLevel: incident.level } });
    // ~1.5 % are never evaluated; the rest are rated within hours (a resident's callback, a supervisor's check).
    if (random() >= 0.015) {
      const closedAt = resolvedAt + logNormal(random, 150, 0.8) * MIN;
      const rating = pickWeighted(random, RATINGS);
      if (closedAt <= input.endMs) {
        incident.status = 'closed';
        incident.closedAt = closedAt;
        incident.rating = rating;
        incident.feedback = random() < 0.3 ? FEEDBACK[Math.floor(random() * FEEDBACK.length)]! : null;
        events().push({ at: closedAt, actor: DEMO_OPERATOR, kind: 'closed', data: { rating } });
      }
    }
    for (const a of incident.assignments) if (a.status === 'cleared') a.clearedAt = resolvedAt;
  }
  // Anything not finished by the demo's first start is left out rather than shown half-done.
  if ((incident.resolvedAt ?? incident.closedAt ?? 0) > input.endMs) return null;
  for (const a of incident.assignments) events().push(...assignmentEvents(a));
  events().sort((a, b) => a.at - b.at);
  return incident;
}

/** What the clock watcher would have written live: the breach once, and an arrival breach lifts the case a level. */
function recordBreaches(incident: PlannedIncident, arrivedAt: number): void {
  const targets = DEFAULT_TARGETS[incident.priority];
  const ackedAt = Math.min(...incident.assignments.map((a) => a.acknowledgedAt ?? Infinity));
  const ackDeadline = incident.createdAt + targets.ackSeconds * S;
  if (ackedAt > ackDeadline) {
    incident.ackBreachedAt = ackDeadline;
    incident.events.push({ at: ackDeadline, actor: 'system', kind: 'ack_target_breached', data: { priority: incident.priority } });
  }
  const arrivalDeadline = incident.createdAt + targets.arrivalSeconds * S;
  if (arrivedAt > arrivalDeadline) {
    incident.arrivalBreachedAt = arrivalDeadline;
    incident.events.push({ at: arrivalDeadline, actor: 'system', kind: 'arrival_target_breached', data: { priority: incident.priority } });
    const up = nextLevel(incident.level);
    if (up && up !== 'department') {
      incident.events.push({
        at: arrivalDeadline,
        actor: 'system',
        kind: 'escalated',
        data: { from: incident.level, to: up, reason: 'arrival target breached' },
      });
      incident.level = up;
    }
  }
}

function finish(incident: PlannedIncident, as: 'cancelled' | 'false_alarm', at: number, note: string): void {
  incident.status = as;
  incident.closedAt = at;
  // Nobody is sent after the case ended; breaches after it were never recorded.
  incident.assignments = incident.assignments.filter((a) => a.dispatchedAt < at);
  if ((incident.ackBreachedAt ?? 0) > at || (incident.arrivalBreachedAt ?? 0) > at) {
    incident.events = incident.events.filter((e) => e.at <= at);
    if ((incident.ackBreachedAt ?? 0) > at) incident.ackBreachedAt = null;
    if ((incident.arrivalBreachedAt ?? 0) > at) {
      incident.arrivalBreachedAt = null;
      incident.level = startLevel(incident.category);
    }
  }
  incident.note = note;
  if (as === 'false_alarm') incident.outcome = 'false_alarm';
  for (const a of incident.assignments) {
    // Whatever the unit had not done by then it never did.
    if (a.acknowledgedAt !== null && a.acknowledgedAt > at) a.acknowledgedAt = null;
    if (a.enRouteAt !== null && a.enRouteAt > at) a.enRouteAt = null;
    if (a.onSceneAt !== null && a.onSceneAt > at) a.onSceneAt = null;
    if (a.status === 'cleared' || a.ackTimeoutAt !== null) a.clearedAt = at;
    a.status = 'cleared';
  }
  incident.events.push({ at, actor: as === 'false_alarm' ? DEMO_CREW : DEMO_OPERATOR, kind: as, data: { note } });
}

/** Acknowledge, turn out, drive: travel is long-tailed, so some arrivals miss the five minutes. */
function planAssignment(random: () => number, unit: HistoryDayInput['units'][number], dispatchedAt: number, urgent: boolean): PlannedAssignment {
  const acknowledgedAt = dispatchedAt + between(random, 4, 25) * S;
  const enRouteAt = acknowledgedAt + between(random, 3, 40) * S;
  const travelMedian = (unit.mode === 'foot' ? 170 : unit.mode === 'bike' ? 150 : 135) * (urgent ? 1 : 1.25);
  const onSceneAt = enRouteAt + logNormal(random, travelMedian, 0.45) * S;
  return {
    unitId: unit.id,
    callsign: unit.callsign,
    status: 'cleared',
    dispatchedAt,
    acknowledgedAt,
    enRouteAt,
    onSceneAt,
    clearedAt: null,
    ackTimeoutAt: null,
    replacementUnitId: null,
  };
}

function assignmentEvents(a: PlannedAssignment): PlannedEvent[] {
  const out: PlannedEvent[] = [{ at: a.dispatchedAt, actor: DEMO_OPERATOR, kind: 'unit_dispatched', data: { unitId: a.unitId, callsign: a.callsign } }];
  const step = (at: number | null, kind: string) => {
    if (at !== null) out.push({ at, actor: DEMO_CREW, kind, data: { unitId: a.unitId, at: new Date(at).toISOString() } });
  };
  step(a.acknowledgedAt, 'unit_acknowledged');
  step(a.enRouteAt, 'unit_en_route');
  step(a.onSceneAt, 'unit_on_scene');
  if (a.ackTimeoutAt !== null)
    out.push({ at: a.ackTimeoutAt, actor: 'system', kind: 'ack_timeout', data: { unitId: a.unitId, replacementUnitId: a.replacementUnitId, auto: false } });
  return out;
}

/** A unit of a force that answers this kind of case, the first such force most often. */
function pickUnit(random: () => number, units: HistoryDayInput['units'], kase: DemoCase, taken: ReadonlySet<string>) {
  const force = pickWeighted(
    random,
    kase.forces.map((f, i) => [f, i === 0 ? 6 : 2] as const),
  );
  const pool = units.filter((u) => u.force === force && !taken.has(u.id));
  const any = pool.length > 0 ? pool : units.filter((u) => !taken.has(u.id));
  return any.length > 0 ? any[Math.floor(random() * any.length)]! : null;
}
