import type { CallIn, Incident } from '@lianfang/shared';
import { overdueCallIns } from '@lianfang/shared';

export interface OverdueCallIn {
  incident: Incident;
  callIn: CallIn;
  overdueMs: number;
}

/** Every department overdue to report in, over all open incidents, the longest overdue first. */
export function overdueAcross(incidents: readonly Incident[], nowMs: number): OverdueCallIn[] {
  return incidents
    .flatMap((incident) => overdueCallIns(incident.callIns, nowMs).map((callIn) => ({ incident, callIn, overdueMs: nowMs - Date.parse(callIn.deadline) })))
    .sort((a, b) => b.overdueMs - a.overdueMs);
}
