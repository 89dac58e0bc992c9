import type { Alert, AlertRaise } from '../schemas/alert.js';
import type { Device } from '../schemas/auth.js';
import type { Coverage } from '../schemas/coverage.js';
import type { CandidatesReply, CandidatesRequest, IncidentAdvice } from '../schemas/dispatch-advice.js';
import type { Grid, KeyArea, Station, Team } from '../schemas/geo.js';
import type { Incident } from '../schemas/incident.js';
import type { IntakeJournalledMessage, IntakeRecordedMessage } from '../schemas/intake-journal.js';
import type { PatrolPlan } from '../schemas/patrol-plan.js';
import type { EmergencyPlan } from '../schemas/emergency-plan.js';
import type { PositionReport } from '../schemas/position.js';
import type { PositionRows } from './position-rows.js';
import type { SessionEndReason } from '../schemas/auth.js';
import type { Unit } from '../schemas/unit.js';

/** The whole live picture at `seq`; a client applies later events on top of it. */
export interface Snapshot {
  seq: number;
  /**
   * The history `seq` counts in: the database's log identity. A restored or
   * replaced database starts another history, where the same seq means other
   * events; a screen resumes by seq only within the history it has.
   */
  history?: string;
  serverTime: string;
  units: Unit[];
  incidents: Incident[];
  grids: Grid[];
  stations: Station[];
  teams: Team[];
  keyAreas: KeyArea[];
  patrolPlans: PatrolPlan[];
  /** Routing (issue 3): the latest advice per open incident nobody has reached yet, and the latest coverage. */
  advice?: IncidentAdvice[];
  coverage?: Coverage;
}

/**
 * Every live message carries `seq`. A coalesced position batch covers the range
 * `fromSeq..seq` (position entries; entries in that range that went out as their
 * own messages are not repeated), its fixes as compact rows (`position-rows.ts`).
 *
 * Alerts and other events are never queued behind positions: when position
 * entries are still waiting for the next batch, the event goes out first and
 * says so with `fromSeq` — the entries `fromSeq..seq-1` are positions and arrive
 * in a batch after it. Positions are newest-wins state, so a batch whose `seq`
 * is not above the client's last applied seq is still merged (never a gap).
 */
export interface PositionsMessage extends PositionRows {
  seq: number;
  fromSeq: number;
}
interface EventMessage {
  seq: number;
  fromSeq?: number;
}
export interface UnitUpdatedMessage extends EventMessage {
  unit: Unit;
  /** The unit was retired: remove it from the screen. */
  retired?: true;
}
export interface TeamUpdatedMessage extends EventMessage {
  team: Team;
  retired: boolean;
}
/** Control room only (the console's device list); never carries a key. */
export interface DeviceUpdatedMessage extends EventMessage {
  device: Device;
  revoked: boolean;
}
export interface AlertRaisedMessage extends EventMessage {
  alert: Alert;
  incident: Incident;
}
export interface IncidentMessage extends EventMessage {
  incident: Incident;
}
export interface KeyAreaMessage extends EventMessage {
  keyArea: KeyArea;
}
export interface GeographyChangedMessage extends EventMessage {
  grids: Grid[];
  stations: Station[];
}
export interface PatrolPlanMessage extends EventMessage {
  patrolPlan: PatrolPlan;
}
export interface EmergencyPlanMessage extends EventMessage {
  emergencyPlan: EmergencyPlan;
}
export interface IncidentAdviceMessage extends EventMessage {
  advice: IncidentAdvice;
}
export interface CoverageMessage extends EventMessage {
  coverage: Coverage;
}

export type SequencedMessage =
  | PositionsMessage
  | UnitUpdatedMessage
  | AlertRaisedMessage
  | IncidentMessage
  | KeyAreaMessage
  | GeographyChangedMessage
  | PatrolPlanMessage
  | EmergencyPlanMessage
  | IncidentAdviceMessage
  | CoverageMessage
  | TeamUpdatedMessage
  | DeviceUpdatedMessage;

export interface ServerToClientEvents {
  'state:snapshot': (snapshot: Snapshot) => void;
  /** Not sequenced: this login was ended (logout elsewhere, an administrator, a new password); the server closes the socket next. */
  'session:ended': (msg: { reason: SessionEndReason | null }) => void;
  'unit:positions': (msg: PositionsMessage) => void;
  'unit:updated': (msg: UnitUpdatedMessage) => void;
  'alert:raised': (msg: AlertRaisedMessage) => void;
  'incident:created': (msg: IncidentMessage) => void;
  'incident:updated': (msg: IncidentMessage) => void;
  'key_area:updated': (msg: KeyAreaMessage) => void;
  /** Grids and stations changed in the console; a retired one carries `retiredAt` and leaves the map. */
  'geography:changed': (msg: GeographyChangedMessage) => void;
  'patrol_plan:updated': (msg: PatrolPlanMessage) => void;
  'emergency_plan:updated': (msg: EmergencyPlanMessage) => void;
  'incident:advice': (msg: IncidentAdviceMessage) => void;
  'coverage:updated': (msg: CoverageMessage) => void;
  'team:updated': (msg: TeamUpdatedMessage) => void;
  'device:updated': (msg: DeviceUpdatedMessage) => void;
  /** Not sequenced (the database is down, nothing is committed yet): presses journalled, shown as "received, not yet recorded". Control room only. */
  'intake:journalled': (msg: IntakeJournalledMessage) => void;
  /** Not sequenced: journalled presses now written; their alerts follow (or came) as `alert:raised`. */
  'intake:recorded': (msg: IntakeRecordedMessage) => void;
}

export interface AckError {
  error: string;
  details?: { field: string; message: string }[];
}
export type Ack<T> = { data: T } | AckError;

export interface ResumeReply {
  mode: 'replay' | 'snapshot';
  /** The history the reply's seqs belong to (see Snapshot.history). */
  history: string;
  fromSeq: number;
  toSeq: number;
}
export interface PositionReportReply {
  accepted: boolean;
  flags: string[];
}
export interface AlertRaiseReply {
  alertId: string;
  incidentId: string;
  joined: boolean;
  pressCount: number;
}

export interface ClientToServerEvents {
  /** Ask for everything after `lastSeq` (or a snapshot when that is beyond the retained window). */
  'sync:resume': (req: { lastSeq: number; history?: string }, ack: (reply: Ack<ResumeReply>) => void) => void;
  'position:report': (req: PositionReport, ack: (reply: Ack<PositionReportReply>) => void) => void;
  'alert:raise': (req: AlertRaise, ack: (reply: Ack<AlertRaiseReply>) => void) => void;
  /** ETA-ranked units for a point (admin, operator, manager): the same reply as POST /api/candidates. */
  'dispatch:candidates': (req: CandidatesRequest, ack: (reply: Ack<CandidatesReply>) => void) => void;
}

/** `auth` sent in the Socket.IO handshake; `lastSeq` makes a reconnect a replay instead of a snapshot. */
export interface SocketAuth {
  token: string;
  lastSeq?: number;
  /** The history `lastSeq` belongs to: a screen from another history gets a snapshot, never a replay. */
  history?: string;
}

/** Server→client event names in the order the dispatcher knows them. */
export const SEQUENCED_EVENTS = [
  'unit:positions',
  'unit:updated',
  'alert:raised',
  'incident:created',
  'incident:updated',
  'key_area:updated',
  'geography:changed',
  'patrol_plan:updated',
  'emergency_plan:updated',
  'incident:advice',
  'coverage:updated',
  'team:updated',
  'device:updated',
] as const;
export type SequencedEventName = (typeof SEQUENCED_EVENTS)[number];

export function isAckError<T>(reply: Ack<T>): reply is AckError {
  return 'error' in reply;
}
