import type { CoverageMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

export function applyCoverageUpdated(msg: CoverageMessage, ctx: HandlerContext): void {
  ctx.coverage.replace(msg.coverage);
}
