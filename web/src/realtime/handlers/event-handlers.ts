import type { SequencedEventName, ServerToClientEvents } from '@lianfang/shared';
import { applyAlertRaised } from './alert-raised.handler';
import { applyCoverageUpdated } from './coverage-updated.handler';
import { applyDeviceUpdated } from './device-updated.handler';
import type { HandlerContext } from './handler-context';
import { applyEmergencyPlanUpdated } from './emergency-plan-updated.handler';
import { applyIncidentAdvice } from './incident-advice.handler';
import { applyIncidentChanged } from './incident-changed.handler';
import { applyGeographyChanged } from './geography-changed.handler';
import { applyKeyAreaUpdated } from './key-area-updated.handler';
import { applyPatrolPlanUpdated } from './patrol-plan-updated.handler';
import { applyTeamUpdated } from './team-updated.handler';
import { applyUnitPositions, applyUnitUpdated } from './units.handler';

export type MessageOf<E extends SequencedEventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * One handler per sequenced event; the dispatcher has already decided the
 * message is next in order. Typed over SEQUENCED_EVENTS, so a new server event
 * does not compile until it has a handler here.
 */
export const EVENT_HANDLERS: { [E in SequencedEventName]: (msg: MessageOf<E>, ctx: HandlerContext) => void } = {
  'unit:positions': applyUnitPositions,
  'unit:updated': applyUnitUpdated,
  'alert:raised': applyAlertRaised,
  'incident:created': applyIncidentChanged,
  'incident:updated': applyIncidentChanged,
  'key_area:updated': applyKeyAreaUpdated,
  'geography:changed': applyGeographyChanged,
  'patrol_plan:updated': applyPatrolPlanUpdated,
  'emergency_plan:updated': applyEmergencyPlanUpdated,
  'incident:advice': applyIncidentAdvice,
  'coverage:updated': applyCoverageUpdated,
  'team:updated': applyTeamUpdated,
  'device:updated': applyDeviceUpdated,
};
