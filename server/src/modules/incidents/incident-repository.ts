import type { Assignment, CallIn, Incident, IncidentPhoto, LocationText, Task } from '@lianfang/shared';
import { OPEN_INCIDENT_STATUSES } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

type Ts = Date | null;
interface IncidentRow {
  id: string;
  status: Incident['status'];
  category: Incident['category'];
  priority: Incident['priority'];
  source: Incident['source'];
  title: string;
  lat: number;
  lon: number;
  grid_id: string | null;
  device_id: string | null;
  unit_id: string | null;
  alert_count: number;
  created_at: Date;
  updated_at: Date;
  level: Incident['level'];
  note: string | null;
  dispatched_at: Ts;
  acknowledged_at: Ts;
  en_route_at: Ts;
  on_scene_at: Ts;
  resolved_at: Ts;
  closed_at: Ts;
  ack_breached_at: Ts;
  arrival_breached_at: Ts;
  outcome: NonNullable<Incident['resolution']>['outcome'] | null;
  settled_level: Incident['level'] | null;
  resolution_note: string | null;
  rating: number | null;
  feedback: string | null;
  plan_id: string | null;
  caller_name: string | null;
  callback_number: string | null;
  address: string | null;
  description: string | null;
  call_received_at: Ts;
  location_text: LocationText | null;
}
interface TaskRow {
  incident_id: string;
  idx: number;
  title: string;
  owner: string;
  state: Task['state'];
  updated_at: Date;
  updated_by: string | null;
}
interface AssignmentRow {
  incident_id: string;
  unit_id: string;
  status: Assignment['status'];
  dispatched_at: Date;
  acknowledged_at: Ts;
  en_route_at: Ts;
  on_scene_at: Ts;
  cleared_at: Ts;
  ack_timeout_at: Ts;
  replacement_unit_id: string | null;
  decline_reason: string | null;
}
interface PhotoRow {
  id: string;
  incident_id: string;
  content_type: string;
  bytes: number;
  created_at: Date;
}
interface CallInRow {
  incident_id: string;
  department: CallIn['department'];
  summoned_at: Date;
  deadline: Date;
  reported_at: Ts;
  reported_by: string | null;
  escalated_at: Ts;
}

const OPEN_LIST = OPEN_INCIDENT_STATUSES.map((s) => `'${s}'`).join(',');
const iso = (d: Ts) => (d ? d.toISOString() : null);

function toIncident(r: IncidentRow, assignments: Assignment[], callIns: CallIn[], tasks: Task[], photos: IncidentPhoto[] = []): Incident {
  return {
    id: r.id,
    status: r.status,
    category: r.category,
    priority: r.priority,
    source: r.source,
    title: r.title,
    lat: r.lat,
    lon: r.lon,
    gridId: r.grid_id,
    deviceId: r.device_id,
    unitId: r.unit_id,
    alertCount: r.alert_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    level: r.level,
    note: r.note,
    assignments,
    callIns,
    milestones: {
      dispatchedAt: iso(r.dispatched_at),
      acknowledgedAt: iso(r.acknowledged_at),
      enRouteAt: iso(r.en_route_at),
      onSceneAt: iso(r.on_scene_at),
      resolvedAt: iso(r.resolved_at),
      closedAt: iso(r.closed_at),
      ackBreachedAt: iso(r.ack_breached_at),
      arrivalBreachedAt: iso(r.arrival_breached_at),
    },
    resolution: r.outcome ? { outcome: r.outcome, settledLevel: r.settled_level ?? r.level, note: r.resolution_note } : null,
    evaluation: r.rating ? { rating: r.rating, feedback: r.feedback } : null,
    planId: r.plan_id,
    tasks,
    callerName: r.caller_name,
    callbackNumber: r.callback_number,
    address: r.address,
    description: r.description,
    callReceivedAt: iso(r.call_received_at),
    photos,
    locationText: r.location_text ?? null,
  };
}

const toAssignment = (a: AssignmentRow): Assignment => ({
  unitId: a.unit_id,
  status: a.status,
  dispatchedAt: a.dispatched_at.toISOString(),
  acknowledgedAt: iso(a.acknowledged_at),
  enRouteAt: iso(a.en_route_at),
  onSceneAt: iso(a.on_scene_at),
  clearedAt: iso(a.cleared_at),
  ackTimeoutAt: iso(a.ack_timeout_at),
  replacementUnitId: a.replacement_unit_id,
  declineReason: a.decline_reason ?? null,
});
const toPhoto = (p: PhotoRow): IncidentPhoto => ({ id: p.id, contentType: p.content_type, bytes: p.bytes, createdAt: p.created_at.toISOString() });
const toCallIn = (c: CallInRow): CallIn => ({
  department: c.department,
  summonedAt: c.summoned_at.toISOString(),
  deadline: c.deadline.toISOString(),
  reportedAt: iso(c.reported_at),
  reportedBy: c.reported_by,
  escalatedAt: iso(c.escalated_at),
});

const toTask = (t: TaskRow): Task => ({
  index: t.idx,
  title: t.title,
  owner: t.owner,
  state: t.state,
  updatedAt: t.updated_at.toISOString(),
  updatedBy: t.updated_by,
});

/** Incidents with their assignments, call-ins, tasks and photos: five queries whatever the count. */
async function hydrate(q: Queryable, rows: IncidentRow[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const assignments = await q.query<AssignmentRow>('SELECT * FROM incident_units WHERE incident_id = ANY($1::text[]) ORDER BY dispatched_at, unit_id', [ids]);
  const callIns = await q.query<CallInRow>('SELECT * FROM call_ins WHERE incident_id = ANY($1::text[]) ORDER BY summoned_at, department', [ids]);
  const tasks = await q.query<TaskRow>('SELECT * FROM incident_tasks WHERE incident_id = ANY($1::text[]) ORDER BY idx', [ids]);
  const photos = await q.query<PhotoRow>('SELECT * FROM incident_photos WHERE incident_id = ANY($1::text[]) ORDER BY created_at, id', [ids]);
  const of = <T extends { incident_id: string }>(list: T[], id: string) => list.filter((x) => x.incident_id === id);
  return rows.map((r) =>
    toIncident(r, of(assignments, r.id).map(toAssignment), of(callIns, r.id).map(toCallIn), of(tasks, r.id).map(toTask), of(photos, r.id).map(toPhoto)),
  );
}

export async function listOpenIncidents(q: Queryable): Promise<Incident[]> {
  return hydrate(q, await q.query<IncidentRow>(`SELECT * FROM incidents WHERE status IN (${OPEN_LIST}) ORDER BY created_at`));
}

/** Resolved and not yet evaluated: the desk's "to evaluate" list (newest first). Closing takes them off. */
export async function listAwaitingEvaluation(q: Queryable, limit: number): Promise<Incident[]> {
  return hydrate(q, await q.query<IncidentRow>(`SELECT * FROM incidents WHERE status = 'resolved' ORDER BY resolved_at DESC LIMIT $1`, [limit]));
}

export async function getIncident(q: Queryable, id: string, lock = false): Promise<Incident | null> {
  const rows = await q.query<IncidentRow>(`SELECT * FROM incidents WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return (await hydrate(q, rows))[0] ?? null;
}

export type NewIncident = Pick<
  Incident,
  | 'id'
  | 'status'
  | 'category'
  | 'priority'
  | 'source'
  | 'title'
  | 'lat'
  | 'lon'
  | 'gridId'
  | 'deviceId'
  | 'unitId'
  | 'alertCount'
  | 'createdAt'
  | 'updatedAt'
  | 'level'
> & { note?: string | null; planId?: string | null; locationText?: LocationText | null } & Partial<CallFields>;

/** What a call-taker wrote down (see IncidentSchema): absent for incidents no one phoned in. */
type CallFields = Pick<Incident, 'callerName' | 'callbackNumber' | 'address' | 'description' | 'callReceivedAt'>;
const callFieldsOf = (i: Partial<CallFields>): CallFields => ({
  callerName: i.callerName ?? null,
  callbackNumber: i.callbackNumber ?? null,
  address: i.address ?? null,
  description: i.description ?? null,
  callReceivedAt: i.callReceivedAt ?? null,
});

const callColumns = (c: CallFields) => [c.callerName, c.callbackNumber, c.address, c.description, c.callReceivedAt];

export async function insertIncident(q: Queryable, i: NewIncident): Promise<Incident> {
  const [row] = await q.query<IncidentRow>(
    `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, device_id, unit_id, alert_count, created_at, updated_at, level, note, plan_id,
                            caller_name, callback_number, address, description, call_received_at, location_text)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)
     RETURNING *`,
    [
      i.id,
      i.status,
      i.category,
      i.priority,
      i.source,
      i.title,
      i.lat,
      i.lon,
      i.gridId,
      i.deviceId,
      i.unitId,
      i.alertCount,
      i.createdAt,
      i.updatedAt,
      i.level,
      i.note ?? null,
      i.planId ?? null,
      ...callColumns(callFieldsOf(i)),
      locationTextColumn(i.locationText),
    ],
  );
  // A new incident has no assignments, call-ins or tasks yet: RETURNING gives the row, no read-back (3 statements fewer).
  return toIncident(row!, [], [], []);
}

/** A just-created incident as the database would return it: no units, call-ins, milestones or tasks yet. */
export function blankIncident(i: NewIncident): Incident {
  return {
    ...i,
    note: i.note ?? null,
    planId: i.planId ?? null,
    locationText: i.locationText ?? null,
    ...callFieldsOf(i),
    assignments: [],
    callIns: [],
    tasks: [],
    photos: [],
    resolution: null,
    evaluation: null,
    milestones: {
      dispatchedAt: null,
      acknowledgedAt: null,
      enRouteAt: null,
      onSceneAt: null,
      resolvedAt: null,
      closedAt: null,
      ackBreachedAt: null,
      arrivalBreachedAt: null,
    },
  };
}

/** A jsonb parameter: the JSON text (both drivers), or NULL. */
export const locationTextColumn = (text: LocationText | null | undefined): string | null => (text ? JSON.stringify(text) : null);

export async function bumpAlertCount(q: Queryable, id: string): Promise<Incident> {
  await q.query('UPDATE incidents SET alert_count = alert_count + 1, updated_at = now() WHERE id = $1', [id]);
  return (await getIncident(q, id))!;
}

export async function appendTimeline(q: Queryable, incidentId: string, actor: string, kind: string, data: object = {}): Promise<void> {
  await q.query('INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES ($1, now(), $2, $3, $4)', [
    incidentId,
    actor,
    kind,
    JSON.stringify(data),
  ]);
}
