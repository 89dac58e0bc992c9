import type { Alert } from '../schemas/alert.js';
import type { Device } from '../schemas/auth.js';
import type { Coverage } from '../schemas/coverage.js';
import type { IncidentAdvice } from '../schemas/dispatch-advice.js';
import type { Grid, KeyArea, Station, Team } from '../schemas/geo.js';
import type { PatrolPlan } from '../schemas/patrol-plan.js';
import type { EmergencyPlan } from '../schemas/emergency-plan.js';
import type { Incident } from '../schemas/incident.js';
import type { Position } from '../schemas/position.js';
import type { Unit } from '../schemas/unit.js';

/**
 * What the event log carries. Each is committed to PostgreSQL in the same
 * transaction as the change it describes, then gets its global `seq`.
 */
export type DomainEvent =
  | { type: 'unit.positions'; positions: Position[] }
  // `trackerId` stays on the server (picture's tracker map): present when it was set or changed, null when
  // revoked, absent when unchanged. Screens get `unit` only (entry-messages.ts): tracker ids are secrets.
  // `retired`: the unit left service (console): it leaves the wall and the candidates, history keeps it.
  | { type: 'unit.updated'; unit: Unit; trackerId?: string | null; retired?: true }
  // Teams (console): created, renamed, or retired (`retired: true`, it leaves every screen).
  | { type: 'team.updated'; team: Team; retired: boolean }
  // An alert device created, re-keyed or revoked: every instance forgets what it cached of its key.
  | { type: 'device.updated'; device: Device; revoked: boolean }
  | { type: 'alert.raised'; alert: Alert; incident: Incident }
  | { type: 'incident.created'; incident: Incident }
  | { type: 'incident.updated'; incident: Incident }
  | { type: 'key_area.updated'; keyArea: KeyArea }
  // Issue 19: grids and stations created, edited or retired (`retiredAt` set) by the console, one event per command (an import: all its rows).
  | { type: 'geography.changed'; grids: Grid[]; stations: Station[] }
  | { type: 'patrol_plan.updated'; patrolPlan: PatrolPlan }
  // An emergency plan saved or retired in the console: every wall's plan list follows.
  | { type: 'emergency_plan.updated'; emergencyPlan: EmergencyPlan }
  // Routing (issue 3): derived state, published by one instance and only on material change.
  | { type: 'incident.advice'; advice: IncidentAdvice }
  | { type: 'coverage.updated'; coverage: Coverage };

export type DomainEventType = DomainEvent['type'];

/** An event as it sits in the log: `seq` grows by one in a single global order. */
export type LogEntry = DomainEvent & { seq: number; at: string };
