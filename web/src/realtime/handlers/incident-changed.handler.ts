import type { IncidentMessage } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** incident:created and incident:updated: the store keeps open ones; a closed one also loses its banner. */
export function applyIncidentChanged(msg: IncidentMessage, ctx: HandlerContext): void {
  ctx.incidents.upsert(msg.incident);
  if (!isOpenIncident(msg.incident.status)) ctx.alerts.forgetIncident(msg.incident.id);
}
