import type { EmergencyPlanMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

export function applyEmergencyPlanUpdated(msg: EmergencyPlanMessage, ctx: HandlerContext): void {
  ctx.emergencyPlans.upsert(msg.emergencyPlan);
}
