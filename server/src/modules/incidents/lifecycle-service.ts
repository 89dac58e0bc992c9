import { randomUUID } from 'node:crypto';
import type { CreateIncident, DomainEvent, Incident, JoinCall, Outcome } from '@lianfang/shared';
import { canTransition, isOpenIncident, startLevel, type LadderLevel } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { DomainError, conflict, notFound } from '../domain-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { findReceipt, saveReceipt } from './command-receipts.js';
import { appendTimeline, getIncident, insertIncident } from './incident-repository.js';
import { clearAllUnits } from './incident-progress.js';
import { callReceivedTime } from './call-received-time.js';
import { clearNeedsHelp } from '../units/needs-help.js';
import { NO_LOCATION_TEXT, type DescribeLocation } from '../places/describe-location.js';

/** What a transition's idempotency receipt is filed under: the same key on another incident is another command. */
export const transitionCommand = (id: string, to: Incident['status']) => `incident.${to}:${id}`;

/** Opening, resolving, evaluating and cancelling: the ends of the closed loop. */
export class LifecycleService {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    /** Where a new incident is in words (the places module's reverse geocoding). */
    private readonly describe: DescribeLocation = NO_LOCATION_TEXT,
  ) {}

  /**
   * With an idempotency key, a replay returns the incident the first call opened (no second one).
   * `raisedBy.unitId`: the unit whose captain reported it from the street; it then belongs to that
   * unit's "my incidents" and its team's feed (never joined by alerts: those join only alert incidents).
   */
  async create(input: CreateIncident, actor: string, raisedBy: { unitId: string | null } = { unitId: null }): Promise<Incident> {
    const key = input.idempotencyKey;
    const { result } = await this.bus.run(async (q) => {
      const first = key ? await findReceipt<Incident>(q, actor, key, 'incident.create') : null;
      if (first) return { result: first, events: [] as DomainEvent[] };
      const nowMs = Date.now();
      const now = new Date(nowMs).toISOString();
      const gridId = this.picture.gridAt(input.lon, input.lat)?.id ?? null;
      const incident = await insertIncident(q, {
        id: randomUUID(),
        status: 'reported',
        category: input.category,
        priority: input.priority,
        source: input.source ?? 'manual',
        title: input.title,
        lat: input.lat,
        lon: input.lon,
        gridId,
        locationText: this.describe(input.lat, input.lon, gridId),
        deviceId: null,
        unitId: raisedBy.unitId,
        alertCount: 0,
        createdAt: now,
        updatedAt: now,
        level: startLevel(input.category),
        callerName: input.callerName ?? null,
        callbackNumber: input.callbackNumber ?? null,
        address: input.address ?? null,
        description: input.description ?? null,
        callReceivedAt: callReceivedTime(input.callReceivedAt, nowMs),
      });
      await appendTimeline(q, incident.id, actor, 'created', { source: incident.source });
      await recordAudit(q, actor, 'incident.create', incident.id, { source: incident.source, category: incident.category, priority: incident.priority });
      if (key) await saveReceipt(q, actor, key, 'incident.create', incident);
      return { result: incident, events: [{ type: 'incident.created' as const, incident }] };
    });
    return result;
  }

  /**
   * Another call about an open incident (the call-taker joined a possible duplicate): the caller, the
   * callback number and what they said go on the incident's timeline, where the desk reads the incident's
   * story, with the time the call came in. No second incident, no second clock.
   */
  async joinCall(id: string, call: JoinCall, actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const incident = await getIncident(q, id, true);
      if (!incident) throw notFound('incident');
      if (!isOpenIncident(incident.status)) throw conflict('status', `an incident that is ${incident.status} takes no more calls; open a new one`);
      const receivedAt = callReceivedTime(call.callReceivedAt, Date.now()) ?? new Date().toISOString();
      const data = {
        callerName: call.callerName ?? null,
        callbackNumber: call.callbackNumber ?? null,
        description: call.description ?? null,
        callReceivedAt: receivedAt,
      };
      await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [id]);
      await appendTimeline(q, id, actor, 'call_joined', data);
      await recordAudit(q, actor, 'incident.call_joined', id, { callReceivedAt: receivedAt });
      const updated = (await getIncident(q, id))!;
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    return result;
  }

  /** With an idempotency key, a replay returns the first reply instead of "already resolved". */
  async resolve(
    id: string,
    body: { outcome: Outcome; settledLevel?: LadderLevel; note?: string; idempotencyKey?: string; at?: string },
    actor: string,
  ): Promise<Incident> {
    return this.transition(id, 'resolved', actor, body.idempotencyKey, async (q, incident) => {
      // A resolve queued on a tablet without signal keeps the time it was pressed (closure times are
      // what managers are judged on); a device clock in the future counts as now, and no incident
      // resolves before it was created.
      const when = body.at && Date.parse(body.at) <= Date.now() ? body.at : new Date().toISOString();
      await q.query(
        `UPDATE incidents SET status = 'resolved', resolved_at = GREATEST($5::timestamptz, created_at), outcome = $2, settled_level = $3, resolution_note = $4, updated_at = now() WHERE id = $1`,
        [id, body.outcome, body.settledLevel ?? incident.level, body.note ?? null, when],
      );
      // the units stand down at the told time too (clearAllUnits), not when the report got through
      return {
        kind: 'resolved',
        data: { outcome: body.outcome, settledLevel: body.settledLevel ?? incident.level, ...(body.at ? { at: when } : {}) },
        ...(body.at ? { at: when } : {}),
      };
    });
  }

  /** Closing is the evaluation step: resident feedback or a supervisor's rating ends the loop. */
  async close(id: string, body: { rating: number; feedback?: string }, actor: string): Promise<Incident> {
    return this.transition(id, 'closed', actor, undefined, async (q) => {
      await q.query(`UPDATE incidents SET status = 'closed', closed_at = now(), rating = $2, feedback = $3, updated_at = now() WHERE id = $1`, [
        id,
        body.rating,
        body.feedback ?? null,
      ]);
      return { kind: 'closed', data: { rating: body.rating } };
    });
  }

  async cancel(id: string, body: { as: 'cancelled' | 'false_alarm'; note?: string }, actor: string): Promise<Incident> {
    return this.transition(id, body.as, actor, undefined, async (q) => {
      await q.query(
        `UPDATE incidents SET status = $2, closed_at = now(), resolution_note = $3, outcome = CASE WHEN $2 = 'false_alarm' THEN 'false_alarm' ELSE outcome END, updated_at = now() WHERE id = $1`,
        [id, body.as, body.note ?? null],
      );
      return { kind: body.as, data: { note: body.note ?? null } };
    });
  }

  private async transition(
    id: string,
    to: Incident['status'],
    actor: string,
    key: string | undefined,
    apply: (q: Queryable, incident: Incident) => Promise<{ kind: string; data: object; at?: string }>,
  ): Promise<Incident> {
    const command = transitionCommand(id, to);
    const { result } = await this.bus.run(async (q) => {
      const first = key ? await findReceipt<Incident>(q, actor, key, command) : null;
      if (first) return { result: first, events: [] as DomainEvent[] };
      const incident = await getIncident(q, id);
      if (!incident) throw notFound('incident');
      if (!canTransition(incident.status, to))
        throw new DomainError('conflict', `status: an incident that is ${incident.status} cannot become ${to}`, 'status');
      const { kind, data, at } = await apply(q, incident);
      const unitEvents: DomainEvent[] = to === 'closed' ? [] : await clearAllUnits(q, id, at);
      // The incident that answered an SOS has ended: its unit no longer needs help (after clearAllUnits, so this status is the last word).
      if (to !== 'closed') unitEvents.push(...(await clearNeedsHelp(q, id)));
      await appendTimeline(q, id, actor, kind, data);
      await recordAudit(q, actor, `incident.${kind}`, id, data);
      const updated = (await getIncident(q, id))!;
      if (key) await saveReceipt(q, actor, key, command, updated);
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }, ...unitEvents] };
    });
    return result;
  }
}
