import type { AlertRaisedMessage } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** The incident enters the queue and the alert is announced (one banner per incident, counted presses). */
export function applyAlertRaised(msg: AlertRaisedMessage, ctx: HandlerContext): void {
  ctx.incidents.upsert(msg.incident);
  if (isOpenIncident(msg.incident.status)) ctx.alerts.record(msg.alert, msg.incident);
}
