import type { PositionsMessage, UnitUpdatedMessage } from '@lianfang/shared';
import { decodePositionRows } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** Positions go through the coalescer (≤ 4 Hz to the store), never straight into components. */
export function applyUnitPositions(msg: PositionsMessage, ctx: HandlerContext): void {
  ctx.positions.add(decodePositionRows(msg));
}

/** A status or roster change: the store keeps the fresher of its live position and the one sent. */
export function applyUnitUpdated(msg: UnitUpdatedMessage, ctx: HandlerContext): void {
  if (msg.retired) ctx.units.remove(msg.unit.id);
  else ctx.units.upsert(msg.unit);
}
