import type { IncidentAdviceMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

export function applyIncidentAdvice(msg: IncidentAdviceMessage, ctx: HandlerContext): void {
  ctx.advice.upsert(msg.advice);
}
