import type { Snapshot } from '@lianfang/shared';
import type { HandlerContext } from './handler-context';

/** A snapshot replaces the whole picture; anything held from before it is obsolete. */
export function applySnapshot(snapshot: Snapshot, ctx: HandlerContext): void {
  ctx.positions.clear();
  ctx.units.replaceAll(snapshot.units);
  ctx.incidents.replaceAll(snapshot.incidents);
  ctx.geo.replaceAll(snapshot);
  // The later parts are optional: a server from before them sends none.
  ctx.plans.replaceAll(snapshot.patrolPlans ?? []);
  ctx.advice.replaceAll(snapshot.advice ?? []);
  ctx.coverage.replace(snapshot.coverage ?? null);
  // Banners of incidents closed while we were away go; open ones keep their counters.
  for (const a of [...ctx.alerts.announcements]) {
    if (!ctx.incidents.get(a.incidentId)) ctx.alerts.forgetIncident(a.incidentId);
  }
  ctx.connection.setServerClock(snapshot.serverTime);
}
