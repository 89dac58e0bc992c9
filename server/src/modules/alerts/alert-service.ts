import { randomUUID } from 'node:crypto';
import type { Alert, AlertKind, AlertSource, DomainEvent, Incident, JoinRule, LocationText } from '@lianfang/shared';
import { DEFAULT_JOIN_DISTANCE_M, clockSkewOf, isOpenIncident, pickJoinable, startLevel } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { unprocessable } from '../domain-errors.js';
import { appendTimeline, blankIncident, bumpAlertCount, getIncident, type NewIncident } from '../incidents/incident-repository.js';
import { markNeedsHelp } from '../units/needs-help.js';
import { findJoinCandidates } from './alert-join-repository.js';
import { ALERT_TRIAGE } from './alert-classification.js';
import { findAlertByIdempotencyKey, insertAlert, insertAlertWithIncident, openAlertIncident } from './alert-repository.js';
import { joinableInPicture } from './joinable-incident.js';
import { NO_LOCATION_TEXT, type DescribeLocation } from '../places/describe-location.js';

export interface RaiseAlert {
  kind: AlertKind;
  source: AlertSource;
  deviceId: string | null;
  unitId: string | null;
  /** where the device stands when it has no GPS (a shop's panic button) */
  fixedPoint: { lat: number; lon: number } | null;
  label: string;
  lat?: number | undefined;
  lon?: number | undefined;
  at?: string | undefined;
  note?: string | undefined;
  idempotencyKey?: string | undefined;
  /** Join this open incident (a backup request) rather than deciding by device and dedupe window. */
  incidentId?: string | undefined;
  actor: string;
  /** The id the alert gets (intake fixes it before the press may be journalled). */
  alertId?: string | undefined;
  /** A journalled press written later: when it was received (its received time and its dedupe clock). */
  receivedAt?: string | undefined;
}

export interface RaiseAlertResult {
  alert: Alert;
  incident: Incident;
  joined: boolean;
}

export class AlertService {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly lastKnownPoint: (unitId: string) => { lat: number; lon: number } | null,
    private readonly dedupeSeconds: number,
    /** How far a repeated press may be from the incident (or the device's last press on it) and still join it. */
    private readonly joinDistanceM: number = DEFAULT_JOIN_DISTANCE_M,
    /** Where the press is in words (reverse geocoding from an in-memory index: microseconds, never a wait). */
    private readonly describe: DescribeLocation = NO_LOCATION_TEXT,
  ) {}

  private get rule(): JoinRule {
    return { windowSeconds: this.dedupeSeconds, distanceM: this.joinDistanceM };
  }

  /** Resolves only after the alert, its incident and its event are committed: a 2xx means durable. */
  async raise(input: RaiseAlert): Promise<RaiseAlertResult> {
    const point = this.locate(input);
    // The common case, a first press, in one database call; the picture is only a hint here
    // (the function re-checks under the lock and declines when the press may join or repeats;
    // both checks are wider than the join rule, which the full transaction then applies).
    // An SOS of a unit changes the unit too, so it always takes the full transaction.
    const sosOfUnit = input.kind === 'sos' && input.unitId !== null;
    // A journalled press takes the full transaction: its join is judged at its own received time.
    if (!input.incidentId && !input.receivedAt && !sosOfUnit && !joinableInPicture(this.picture.incidents.values(), input, this.dedupeSeconds, Date.now())) {
      const first = await this.openInOneCall(input, point);
      if (first) return first;
    }
    const { result } = await this.bus.run(async (q, lockedAt) => {
      const key = input.idempotencyKey;
      if (key) {
        const existing = await findAlertByIdempotencyKey(q, input.deviceId ?? input.unitId, key);
        if (existing) return { result: existing, events: [] as DomainEvent[] };
      }
      const receivedAt = input.receivedAt ?? new Date().toISOString();
      const open = await this.joinable(q, input, point, Date.parse(receivedAt), lockedAt.seq);
      if (open) {
        // A joined press is counted; it never relabels the incident's category. An SOS makes it P1.
        if (input.kind === 'sos' && open.priority !== 'P1') await q.query(`UPDATE incidents SET priority = 'P1' WHERE id = $1`, [open.id]);
        const incident = await bumpAlertCount(q, open.id);
        const alert = this.alertOf(input, point, incident.id, receivedAt, this.describe(point.lat, point.lon));
        await insertAlert(q, alert, key ?? null);
        await appendTimeline(q, incident.id, input.actor, 'alert_joined', { alertId: alert.id, kind: alert.kind });
        const help = await this.sos(q, input, incident.id);
        return { result: { alert, incident, joined: true }, events: [{ type: 'alert.raised' as const, alert, incident }, ...help] };
      }
      const fresh = this.newIncident(input, point, receivedAt);
      const alert = this.alertOf(input, point, fresh.id, receivedAt, fresh.locationText ?? null);
      await insertAlertWithIncident(q, fresh, alert, key ?? null, input.actor);
      const incident = blankIncident(fresh);
      const help = await this.sos(q, input, incident.id);
      return { result: { alert, incident, joined: false }, events: [{ type: 'alert.raised' as const, alert, incident }, ...help] };
    });
    return result;
  }

  /** A first press through `lf_open_alert_incident`; null when it joins an open incident or repeats a key. */
  private async openInOneCall(input: RaiseAlert, point: { lat: number; lon: number }): Promise<RaiseAlertResult | null> {
    const receivedAt = new Date().toISOString();
    const fresh = this.newIncident(input, point, receivedAt);
    const alert = this.alertOf(input, point, fresh.id, receivedAt, fresh.locationText ?? null);
    const incident = blankIncident(fresh);
    const event = { type: 'alert.raised' as const, alert, incident };
    const entries = await this.bus.runCall(async (q) => {
      const out = await openAlertIncident(q, fresh, alert, input.idempotencyKey ?? null, input.actor, this.dedupeSeconds, event);
      return 'entry' in out ? [out.entry] : null;
    });
    return entries ? { alert, incident, joined: false } : null;
  }

  private alertOf(input: RaiseAlert, point: { lat: number; lon: number }, incidentId: string, receivedAt: string, locationText: LocationText | null): Alert {
    return {
      id: input.alertId ?? randomUUID(),
      kind: input.kind,
      source: input.source,
      deviceId: input.deviceId,
      unitId: input.unitId,
      incidentId,
      lat: point.lat,
      lon: point.lon,
      note: input.note ?? null,
      deviceTime: input.at ?? null,
      receivedAt,
      ...clockSkewOf(input.at, Date.parse(receivedAt)),
      locationText,
    };
  }

  /** A unit's SOS: it needs help until this incident ends (never a candidate meanwhile). */
  private async sos(q: Queryable, input: RaiseAlert, incidentId: string): Promise<DomainEvent[]> {
    if (input.kind !== 'sos' || input.unitId === null) return [];
    const event = await markNeedsHelp(q, input.unitId, incidentId);
    return event ? [event] : [];
  }

  /**
   * The open incident this press joins: a named one (backup), or by the join rule
   * (pickJoinable: same device, window from its last press, compatible kind, distance).
   */
  private async joinable(q: Queryable, input: RaiseAlert, point: { lat: number; lon: number }, nowMs: number, lockedSeq: number): Promise<Incident | null> {
    if (input.incidentId) {
      // Backup for a named incident joins it while it is open; when it has closed meanwhile the
      // request still opens an incident of its own: someone on the street asked for help.
      const named = this.picture.seq === lockedSeq ? (this.picture.incidents.get(input.incidentId) ?? null) : await getIncident(q, input.incidentId);
      if (named && isOpenIncident(named.status)) return named;
    }
    const rule = this.rule;
    const candidates = await findJoinCandidates(q, { deviceId: input.deviceId, unitId: input.unitId }, nowMs - rule.windowSeconds * 1000);
    const pick = pickJoinable(candidates, { kind: input.kind, point, atMs: nowMs }, rule);
    if (!pick) return null;
    return (this.picture.seq === lockedSeq ? this.picture.incidents.get(pick.incidentId) : undefined) ?? getIncident(q, pick.incidentId);
  }

  /** Where the press is (its lat/lon, the device's fixed point, its unit's last fix); 422 naming the field when unknown. */
  locate(input: RaiseAlert): { lat: number; lon: number } {
    if (input.lat !== undefined && input.lon !== undefined) return { lat: input.lat, lon: input.lon };
    if (input.lat !== undefined || input.lon !== undefined) throw unprocessable(input.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
    if (input.fixedPoint) return input.fixedPoint;
    const position = input.unitId ? this.lastKnownPoint(input.unitId) : null;
    if (position) return position;
    throw unprocessable('lat', 'location unknown: send lat/lon, give the device a fixed location, or link it to a unit that reports positions');
  }

  private newIncident(input: RaiseAlert, point: { lat: number; lon: number }, now: string): NewIncident {
    const triage = ALERT_TRIAGE[input.kind];
    const grid = this.picture.gridAt(point.lon, point.lat);
    return {
      id: randomUUID(),
      status: 'reported',
      category: triage.category,
      priority: triage.priority,
      source: 'alert',
      title: `${input.kind.toUpperCase()} · ${input.label}`,
      lat: point.lat,
      lon: point.lon,
      gridId: grid?.id ?? null,
      locationText: this.describe(point.lat, point.lon, grid?.id ?? null),
      deviceId: input.deviceId,
      unitId: input.unitId,
      alertCount: 1,
      createdAt: now,
      updatedAt: now,
      level: startLevel(triage.category),
    };
  }
}
