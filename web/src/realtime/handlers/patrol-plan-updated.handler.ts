import type { PatrolPlanMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

export function applyPatrolPlanUpdated(msg: PatrolPlanMessage, ctx: HandlerContext): void {
  ctx.plans.upsert(msg.patrolPlan);
}
