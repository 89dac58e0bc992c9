import type { GeographyChangedMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** Grids or stations changed in the console: the map redraws them; a retired one leaves it. */
export function applyGeographyChanged(msg: GeographyChangedMessage, ctx: HandlerContext): void {
  ctx.geo.applyGeographyChange(msg.grids, msg.stations);
}
