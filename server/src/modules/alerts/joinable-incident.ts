import type { Incident } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';

/**
 * The open incident a repeated press joins, decided from the live picture: the
 * same rule as `findJoinableIncident` in SQL (same device, or same unit for a
 * device-less alarm; opened by an alert; touched within the window; newest
 * first). Used only while the picture is known to be at the database's seq.
 */
export function joinableInPicture(
  incidents: Iterable<Incident>,
  by: { deviceId: string | null; unitId: string | null },
  windowSeconds: number,
  nowMs: number,
): Incident | null {
  let best: Incident | null = null;
  // Cheapest test first: a busy night has hundreds of open incidents, few of them this device's.
  for (const i of incidents) {
    const mine = by.deviceId !== null ? i.deviceId === by.deviceId : by.unitId !== null && i.unitId === by.unitId;
    if (!mine || i.source !== 'alert' || !isOpenIncident(i.status)) continue;
    if (Date.parse(i.updatedAt) <= nowMs - windowSeconds * 1000) continue;
    if (!best || i.createdAt > best.createdAt) best = i;
  }
  return best;
}
