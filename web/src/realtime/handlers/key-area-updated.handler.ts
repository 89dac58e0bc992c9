import type { KeyAreaMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** A key area was visited or went overdue: the map shows which places lack a patrol. */
export function applyKeyAreaUpdated(msg: KeyAreaMessage, ctx: HandlerContext): void {
  ctx.geo.upsertKeyArea(msg.keyArea);
}
