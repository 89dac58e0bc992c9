import type { Incident } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';

/**
 * The open incident a repeated press may join, from the live picture: a hint that is
 * wider than the join rule (same device, or same unit for a device-less alarm; opened
 * by an alert; touched within the window; newest first), the same check as
 * `lf_open_alert_incident` makes in SQL. When it finds one, the press takes the full
 * transaction, where pickJoinable decides by kind, distance and the device's last press
 * (the incident's last touch is never earlier than that press, so nothing is missed).
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
