import type { Grid, GridIndex, HistoryIncident, ImportProblem, ImportProblemCode, LadderLevel, Outcome } from '@lianfang/shared';
import {
  DEFAULT_TARGETS,
  LADDER_LEVELS,
  canAssignmentTransition,
  firstMilestones,
  nextLevel,
  responseClock,
  startLevel,
  type AssignmentStatus,
} from '@lianfang/shared';

/** A unit of the district, as the import finds it by callsign. */
export interface KnownUnit {
  id: string;
  callsign: string;
}

export interface HistoryContext {
  unitsByCallsign: ReadonlyMap<string, KnownUnit>;
  /** point-in-grid over the district's grids, built once per import */
  grids: GridIndex<Grid>;
  nowMs: number;
  /** ACK_TIMEOUT_SECONDS, the limit the live watcher applies */
  ackLimitSeconds: number;
}

/** One assignment as it is written: the unit's own times, and what the live watchers would have noted. */
export interface PlannedHistoryAssignment {
  unitId: string;
  callsign: string;
  status: 'cleared' | 'declined';
  dispatchedAt: string;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  clearedAt: string;
  declineReason: string | null;
  ackTimeoutAt: string | null;
}

export interface PlannedHistoryEvent {
  at: string;
  kind: string;
  data: Record<string, unknown>;
  /**
   * 'system' for what the live watchers write themselves (breaches, timeouts); 'unit' for a unit's own
   * steps (its captain's reports); otherwise the importer
   */
  actor?: 'system' | 'unit';
}

/** A case ready to write: every stored column derived by the live system's rules. */
export interface PlannedHistoryIncident {
  externalId: string;
  status: 'resolved' | 'closed' | 'cancelled' | 'false_alarm';
  category: HistoryIncident['category'];
  priority: HistoryIncident['priority'];
  source: NonNullable<HistoryIncident['source']>;
  title: string;
  description: string | null;
  address: string | null;
  lat: number;
  lon: number;
  gridId: string | null;
  level: LadderLevel;
  receivedAt: string;
  createdAt: string;
  callReceivedAt: string | null;
  dispatchedAt: string | null;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  ackBreachedAt: string | null;
  arrivalBreachedAt: string | null;
  outcome: Outcome | null;
  settledLevel: LadderLevel | null;
  resolutionNote: string | null;
  rating: number | null;
  feedback: string | null;
  assignments: PlannedHistoryAssignment[];
  /** the timeline, in time order, with the same kinds the live path writes */
  events: PlannedHistoryEvent[];
}

/** A browser or exporter clock slightly ahead is normal; more is a wrong file. */
const FUTURE_TOLERANCE_MS = 2 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Check one case and derive what the live system would have stored for it. Returns the
 * problems (each naming its field as in the file, `units[1].onSceneAt`) or the plan.
 */
export function planHistoryIncident(row: HistoryIncident, ctx: HistoryContext): { problems: ImportProblem[]; plan: PlannedHistoryIncident | null } {
  const problems: ImportProblem[] = [];
  const problem = (field: string, message: string, code: ImportProblemCode, params?: ImportProblem['params']) =>
    problems.push({ field, message, code, ...(params ? { params } : {}) });
  const ms = (field: string, value: string | undefined): number | null => {
    if (value === undefined) return null;
    const t = Date.parse(value);
    if (Number.isNaN(t)) {
      problem(field, 'not a time', 'not_a_time', { value: value });
      return null;
    }
    if (t > ctx.nowMs + FUTURE_TOLERANCE_MS) problem(field, 'is in the future', 'in_future');
    return t;
  };

  const received = ms('receivedAt', row.receivedAt)!;
  const created = ms('createdAt', row.createdAt) ?? received;
  if (created < received) problem('createdAt', 'is before receivedAt', 'before_received');
  const resolved = ms('resolvedAt', row.resolvedAt);
  const evaluated = ms('evaluatedAt', row.evaluatedAt);
  const cancelled = ms('cancelledAt', row.cancelledAt);
  if (resolved === null && cancelled === null)
    problem('resolvedAt', 'a history case is concluded: give resolvedAt (or cancelledAt); an open case is taken on the wall', 'not_concluded');
  if (resolved !== null && cancelled !== null) problem('cancelledAt', 'a case is either resolved or stood down, not both', 'resolved_and_cancelled');
  if (resolved !== null && resolved < created) problem('resolvedAt', 'is before the case was opened', 'before_opened');
  if (cancelled !== null && cancelled < created) problem('cancelledAt', 'is before the case was opened', 'before_opened');
  if (resolved !== null && !row.outcome) problem('outcome', 'a resolved case says how it ended', 'outcome_needed');
  if (resolved === null && row.outcome) problem('outcome', 'only a resolved case has an outcome', 'outcome_only_resolved');
  if (evaluated !== null && resolved === null) problem('evaluatedAt', 'only a resolved case is evaluated', 'evaluation_only_resolved');
  if (evaluated !== null && resolved !== null && evaluated < resolved) problem('evaluatedAt', 'is before resolvedAt', 'before_resolved');
  if (evaluated !== null && row.rating === undefined) problem('rating', 'an evaluation gives a rating 1–5', 'rating_needed');
  if (evaluated === null && row.rating !== undefined) problem('evaluatedAt', 'a rating needs the time it was given', 'rating_needs_time');
  if (cancelled === null && row.cancelledAs) problem('cancelledAs', 'only a stood-down case says how', 'stood_down_only');
  const ended = resolved ?? cancelled ?? created;

  const assignments = planAssignments(row, ctx, { created, ended }, problem, ms);
  const escalations = checkEscalations(row, { created, ended }, problem, ms);
  if (problems.length > 0) return { problems, plan: null };

  const first = firstMilestones(assignments);
  const receivedAt = iso(received);
  // The breaches the live watcher writes when a deadline passes with nothing reported, at the deadline.
  const clock = responseClock(
    {
      receivedAt,
      firstDispatchedAt: first.dispatchedAt,
      firstAcknowledgedAt: first.acknowledgedAt,
      firstEnRouteAt: first.enRouteAt,
      firstOnSceneAt: first.onSceneAt,
      resolvedAt: null,
    },
    DEFAULT_TARGETS[row.priority],
    ended,
  );
  const ackBreachedAt = clock.ack === 'breached' ? clock.ackDeadline : null;
  const arrivalBreachedAt = clock.arrival === 'breached' ? clock.arrivalDeadline : null;

  const events: PlannedHistoryEvent[] = [{ at: iso(created), kind: 'created', data: { source: row.source ?? 'call', externalId: row.externalId } }];
  for (const a of assignments) events.push(...assignmentEvents(a));
  let level = startLevel(row.category);
  // 'next': one rung up from wherever the case then is (the clock watcher's rule for an arrival breach)
  const lifts: { at: number; to: LadderLevel | 'next'; reason?: string }[] = escalations.map((e) => ({
    at: e.at,
    to: e.to,
    ...(e.reason ? { reason: e.reason } : {}),
  }));
  if (ackBreachedAt) events.push({ at: ackBreachedAt, kind: 'ack_target_breached', data: { priority: row.priority }, actor: 'system' });
  if (arrivalBreachedAt) {
    events.push({ at: arrivalBreachedAt, kind: 'arrival_target_breached', data: { priority: row.priority }, actor: 'system' });
    lifts.push({ at: Date.parse(arrivalBreachedAt), to: 'next', reason: 'arrival target breached' });
  }
  // The ladder in time order; a breach never lifts a case to the departments by itself (as the clock watcher).
  for (const lift of lifts.sort((a, b) => a.at - b.at)) {
    const to = lift.to === 'next' ? nextLevel(level) : lift.to;
    if (!to || LADDER_LEVELS.indexOf(to) <= LADDER_LEVELS.indexOf(level)) continue;
    if (lift.to === 'next' && to === 'department') continue;
    events.push({
      at: iso(lift.at),
      kind: 'escalated',
      data: { from: level, to, ...(lift.reason ? { reason: lift.reason } : {}) },
      ...(lift.to === 'next' ? { actor: 'system' as const } : {}),
    });
    level = to;
  }
  const status = cancelled !== null ? (row.cancelledAs ?? 'cancelled') : evaluated !== null ? 'closed' : 'resolved';
  const settledLevel = resolved !== null ? (row.settledLevel ?? level) : null;
  if (resolved !== null)
    events.push({
      at: iso(resolved),
      kind: 'resolved',
      data: { outcome: row.outcome, settledLevel, ...(row.resolutionNote ? { note: row.resolutionNote } : {}) },
    });
  if (evaluated !== null)
    events.push({ at: iso(evaluated), kind: 'closed', data: { rating: row.rating, ...(row.feedback ? { feedback: row.feedback } : {}) } });
  if (cancelled !== null) events.push({ at: iso(cancelled), kind: status, data: { note: row.resolutionNote ?? null } });
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return {
    problems,
    plan: {
      externalId: row.externalId,
      status,
      category: row.category,
      priority: row.priority,
      source: row.source ?? 'call',
      title: row.title ?? '',
      description: row.description ?? null,
      address: row.address ?? null,
      lat: row.lat,
      lon: row.lon,
      gridId: ctx.grids.find(row.lon, row.lat)?.id ?? null,
      level,
      receivedAt,
      createdAt: iso(created),
      callReceivedAt: (row.source ?? 'call') === 'call' ? receivedAt : null,
      ...first,
      resolvedAt: resolved !== null ? iso(resolved) : null,
      closedAt: evaluated !== null ? iso(evaluated) : cancelled !== null ? iso(cancelled) : null,
      ackBreachedAt,
      arrivalBreachedAt,
      // one meaning of false alarm: standing down as one writes that outcome, as the live cancel does
      outcome: row.outcome ?? (status === 'false_alarm' ? 'false_alarm' : null),
      settledLevel,
      resolutionNote: row.resolutionNote ?? null,
      rating: row.rating ?? null,
      feedback: row.feedback ?? null,
      assignments,
      events,
    },
  };
}

const STEPS = [
  ['acknowledgedAt', 'acknowledged'],
  ['enRouteAt', 'en_route'],
  ['onSceneAt', 'on_scene'],
] as const;

/** Each unit's steps, checked against the live state machine and in time order; stood down by the case's end at the latest. */
function planAssignments(
  row: HistoryIncident,
  ctx: HistoryContext,
  span: { created: number; ended: number },
  problem: (field: string, message: string, code: ImportProblemCode, params?: ImportProblem['params']) => void,
  ms: (field: string, value: string | undefined) => number | null,
): PlannedHistoryAssignment[] {
  const out: PlannedHistoryAssignment[] = [];
  const seen = new Set<string>();
  (row.units ?? []).forEach((u, i) => {
    const at = (name: string) => `units[${i}].${name}`;
    const unit = ctx.unitsByCallsign.get(u.callsign);
    if (!unit) problem(at('callsign'), `no unit with callsign ${u.callsign}: import the units first`, 'unknown_callsign', { value: u.callsign });
    if (seen.has(u.callsign)) problem(at('callsign'), `${u.callsign} is listed twice in one case`, 'callsign_twice', { value: u.callsign });
    seen.add(u.callsign);
    const dispatched = ms(at('dispatchedAt'), u.dispatchedAt)!;
    if (dispatched < span.created) problem(at('dispatchedAt'), 'is before the case was opened', 'before_opened');
    if (dispatched > span.ended) problem(at('dispatchedAt'), 'is after the case ended', 'after_ended');
    let status: AssignmentStatus = 'dispatched';
    let last = dispatched;
    const times: Partial<Record<(typeof STEPS)[number][0], number>> = {};
    for (const [field, to] of STEPS) {
      const t = ms(at(field), u[field]);
      if (t === null) continue;
      // the live state machine: going en route implies the dispatch was heard; arriving without ever moving does not
      if (!canAssignmentTransition(status, to))
        problem(at(field), `a unit cannot go from ${status} to ${to} (give acknowledgedAt or enRouteAt)`, 'cannot_step', { from: status, to });
      if (t < last) problem(at(field), 'is before the step before it', 'before_previous_step');
      if (t > span.ended) problem(at(field), 'is after the case ended', 'after_ended');
      times[field] = t;
      status = to;
      last = t;
    }
    const declined = ms(at('declinedAt'), u.declinedAt);
    if (declined !== null) {
      if (!canAssignmentTransition(status, 'declined')) problem(at('declinedAt'), `a unit cannot decline once ${status}`, 'cannot_decline', { from: status });
      if (declined < last) problem(at('declinedAt'), 'is before the step before it', 'before_previous_step');
    }
    const cleared = ms(at('clearedAt'), u.clearedAt) ?? Math.max(span.ended, last);
    if (cleared < last) problem(at('clearedAt'), 'is before the step before it', 'before_previous_step');
    const acknowledged = times.acknowledgedAt ?? times.enRouteAt ?? times.onSceneAt ?? null;
    const noticedAt = dispatched + ctx.ackLimitSeconds * 1000;
    // the acknowledgement watcher's rule: nothing heard within the limit, while the unit was still sent
    const ackTimeout = (acknowledged === null ? Math.min(declined ?? cleared, cleared) : acknowledged) > noticedAt;
    out.push({
      unitId: unit?.id ?? '',
      callsign: u.callsign,
      status: declined !== null ? 'declined' : 'cleared',
      dispatchedAt: iso(dispatched),
      acknowledgedAt: acknowledged !== null ? iso(acknowledged) : null,
      enRouteAt: times.enRouteAt !== undefined ? iso(times.enRouteAt) : null,
      onSceneAt: times.onSceneAt !== undefined ? iso(times.onSceneAt) : null,
      clearedAt: iso(declined ?? cleared),
      declineReason: declined !== null ? (u.declineReason ?? null) : null,
      ackTimeoutAt: ackTimeout ? iso(noticedAt) : null,
    });
  });
  return out;
}

function checkEscalations(
  row: HistoryIncident,
  span: { created: number; ended: number },
  problem: (field: string, message: string, code: ImportProblemCode, params?: ImportProblem['params']) => void,
  ms: (field: string, value: string | undefined) => number | null,
): { at: number; to: LadderLevel; reason?: string }[] {
  return (row.escalations ?? []).flatMap((e, i) => {
    const at = ms(`escalations[${i}].at`, e.at);
    if (at === null) return [];
    if (at < span.created || at > span.ended) problem(`escalations[${i}].at`, 'is outside the case', 'outside_case');
    return [{ at, to: e.to, ...(e.reason ? { reason: e.reason } : {}) }];
  });
}

/** The timeline lines of one unit, as the dispatch service writes them (`at` in data: when it happened). */
function assignmentEvents(a: PlannedHistoryAssignment): PlannedHistoryEvent[] {
  const out: PlannedHistoryEvent[] = [{ at: a.dispatchedAt, kind: 'unit_dispatched', data: { unitId: a.unitId, callsign: a.callsign } }];
  const step = (at: string | null, kind: string, extra: object = {}) => {
    if (at !== null) out.push({ at, kind, data: { unitId: a.unitId, at, ...extra }, actor: 'unit' });
  };
  step(a.acknowledgedAt, 'unit_acknowledged');
  step(a.enRouteAt, 'unit_en_route');
  step(a.onSceneAt, 'unit_on_scene');
  if (a.status === 'declined') step(a.clearedAt, 'unit_declined', a.declineReason ? { reason: a.declineReason } : {});
  else step(a.clearedAt, 'unit_cleared');
  if (a.ackTimeoutAt) out.push({ at: a.ackTimeoutAt, kind: 'ack_timeout', data: { unitId: a.unitId, replacementUnitId: null, auto: false }, actor: 'system' });
  return out;
}
