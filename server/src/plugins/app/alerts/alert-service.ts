import { randomUUID } from 'node:crypto';
import type { Alert, AlertKind, AlertSource, DomainEvent, Incident } from '@lianfang/shared';
import { clockSkewOf, findContainingArea, startLevel } from '@lianfang/shared';
import type { Queryable } from '../../../db/database.js';
import type { CommandBus } from '../../../events/command-bus.js';
import type { LivePicture } from '../../../events/live-picture.js';
import { unprocessable } from '../../../http-error.js';
import { appendTimeline, bumpAlertCount, findJoinableIncident, insertIncident } from '../incidents/incident-repository.js';
import { ALERT_TRIAGE } from './alert-classification.js';
import { findAlertByIdempotencyKey, insertAlert } from './alert-repository.js';

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
  actor: string;
}

export interface RaiseAlertResult { alert: Alert; incident: Incident; joined: boolean }

export class AlertService {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly lastKnownPoint: (unitId: string) => { lat: number; lon: number } | null,
    private readonly dedupeSeconds: number,
  ) {}

  /** Resolves only after the alert, its incident and its event are committed: a 2xx means durable. */
  async raise(input: RaiseAlert): Promise<RaiseAlertResult> {
    const point = this.locate(input);
    const { result } = await this.bus.run(async (q) => {
      const key = input.idempotencyKey;
      if (key) {
        const existing = await findAlertByIdempotencyKey(q, input.deviceId ?? input.unitId, key);
        if (existing) return { result: existing, events: [] as DomainEvent[] };
      }
      const { incident, joined } = await this.openOrJoin(q, input, point);
      const alert: Alert = {
        id: randomUUID(), kind: input.kind, source: input.source, deviceId: input.deviceId, unitId: input.unitId,
        incidentId: incident.id, lat: point.lat, lon: point.lon, note: input.note ?? null, deviceTime: input.at ?? null,
        receivedAt: new Date().toISOString(), ...clockSkewOf(input.at, Date.now()),
      };
      await insertAlert(q, alert, key ?? null);
      await appendTimeline(q, incident.id, input.actor, joined ? 'alert_joined' : 'alert_received', { alertId: alert.id, kind: alert.kind });
      return { result: { alert, incident, joined }, events: [{ type: 'alert.raised' as const, alert, incident }] };
    });
    return result;
  }

  private locate(input: RaiseAlert): { lat: number; lon: number } {
    if (input.lat !== undefined && input.lon !== undefined) return { lat: input.lat, lon: input.lon };
    if (input.lat !== undefined || input.lon !== undefined) throw unprocessable(input.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
    if (input.fixedPoint) return input.fixedPoint;
    const position = input.unitId ? this.lastKnownPoint(input.unitId) : null;
    if (position) return position;
    throw unprocessable('lat', 'location unknown: send lat/lon, give the device a fixed location, or link it to a unit that reports positions');
  }

  private async openOrJoin(q: Queryable, input: RaiseAlert, point: { lat: number; lon: number }): Promise<{ incident: Incident; joined: boolean }> {
    const open = await findJoinableIncident(q, { deviceId: input.deviceId, unitId: input.unitId }, this.dedupeSeconds);
    if (open) return { incident: await bumpAlertCount(q, open.id), joined: true };
    const triage = ALERT_TRIAGE[input.kind];
    const now = new Date().toISOString();
    const grid = findContainingArea(point.lon, point.lat, this.picture.grids);
    const incident = await insertIncident(q, {
      id: randomUUID(), status: 'reported', category: triage.category, priority: triage.priority, source: 'alert',
      title: `${input.kind.toUpperCase()} · ${input.label}`, lat: point.lat, lon: point.lon, gridId: grid?.id ?? null,
      deviceId: input.deviceId, unitId: input.unitId, alertCount: 1, createdAt: now, updatedAt: now, level: startLevel(triage.category),
    });
    return { incident, joined: false };
  }
}
