import type { PositionsMessage } from '@lianfang/shared';
import { decodePositionRows } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** Positions go through the coalescer (≤ 4 Hz to the store), never straight into components. */
export function applyUnitPositions(msg: PositionsMessage, ctx: HandlerContext): void {
  ctx.positions.add(decodePositionRows(msg));
}
