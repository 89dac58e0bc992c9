import type { TeamUpdatedMessage } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** A team created, renamed or retired in the console: every open wall relabels without a reload. */
export function applyTeamUpdated(msg: TeamUpdatedMessage, ctx: HandlerContext): void {
  ctx.geo.applyTeam(msg.team, msg.retired);
}
