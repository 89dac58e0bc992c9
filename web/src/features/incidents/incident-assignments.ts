import type { Incident } from '@lianfang/shared';

type Assignment = Incident['assignments'][number];

/** Units still working the incident (dispatched … on scene); cleared and declined ones are done. */
export function activeAssignments(incident: Incident): Assignment[] {
  // `?? []`: screens may still talk to a server from before dispatch existed.
  return (incident.assignments ?? []).filter((a) => a.status !== 'cleared' && a.status !== 'declined');
}

/** The incidents a unit has to care about: it raised it, or it is assigned and not done. */
export function concernsUnit(incident: Incident, unitId: string): boolean {
  return incident.unitId === unitId || activeAssignments(incident).some((a) => a.unitId === unitId);
}
