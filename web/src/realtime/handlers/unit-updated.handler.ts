import type { UnitUpdatedMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

export function applyUnitUpdated(msg: UnitUpdatedMessage, ctx: HandlerContext): void {
  ctx.units.upsert(msg.unit);
}
