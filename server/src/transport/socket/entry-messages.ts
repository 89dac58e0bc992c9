import type { LogEntry, ServerToClientEvents, SequencedEventName } from '@lianfang/shared';
import { encodePositionRows } from '@lianfang/shared';
import { publicUnit } from '../../modules/units/public-unit.js';

type Message = { [E in SequencedEventName]: { event: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[SequencedEventName];

/** One log entry as the socket message that carries it (used for replays; the broadcaster batches live positions). */
export function messageOf(entry: LogEntry): Message {
  switch (entry.type) {
    case 'unit.positions':
      return { event: 'unit:positions', payload: { seq: entry.seq, fromSeq: entry.seq, ...encodePositionRows(entry.positions) } };
    case 'unit.updated':
      return { event: 'unit:updated', payload: { seq: entry.seq, unit: publicUnit(entry.unit), ...(entry.retired ? { retired: true as const } : {}) } };
    case 'alert.raised':
      return { event: 'alert:raised', payload: { seq: entry.seq, alert: entry.alert, incident: entry.incident } };
    case 'incident.created':
      return { event: 'incident:created', payload: { seq: entry.seq, incident: entry.incident } };
    case 'incident.updated':
      return { event: 'incident:updated', payload: { seq: entry.seq, incident: entry.incident } };
    case 'key_area.updated':
      return { event: 'key_area:updated', payload: { seq: entry.seq, keyArea: entry.keyArea } };
    case 'geography.changed':
      return { event: 'geography:changed', payload: { seq: entry.seq, grids: entry.grids, stations: entry.stations } };
    case 'patrol_plan.updated':
      return { event: 'patrol_plan:updated', payload: { seq: entry.seq, patrolPlan: entry.patrolPlan } };
    case 'emergency_plan.updated':
      return { event: 'emergency_plan:updated', payload: { seq: entry.seq, emergencyPlan: entry.emergencyPlan } };
    case 'incident.advice':
      return { event: 'incident:advice', payload: { seq: entry.seq, advice: entry.advice } };
    case 'coverage.updated':
      return { event: 'coverage:updated', payload: { seq: entry.seq, coverage: entry.coverage } };
    case 'team.updated':
      return { event: 'team:updated', payload: { seq: entry.seq, team: entry.team, retired: entry.retired } };
    case 'device.updated':
      return { event: 'device:updated', payload: { seq: entry.seq, device: entry.device, revoked: entry.revoked } };
  }
}
