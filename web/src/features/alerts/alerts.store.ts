import type { Alert, AlertKind, Incident, LocationText, Priority } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** One banner per incident: repeated presses of the same button raise its counter, not new banners. */
export interface AlertAnnouncement {
  incidentId: string;
  kind: AlertKind;
  priority: Priority;
  pressCount: number;
  lat: number;
  lon: number;
  gridId: string | null;
  /** the incident's location text (street, crossing or place, grid), reverse geocoded by the server */
  locationText: LocationText | null;
  unitId: string | null;
  firstAt: string;
  lastAt: string;
  dismissed: boolean;
  /** some press came from a device whose clock is wrong: its own times are not to be trusted (the timers run from receipt) */
  clockSkew: boolean;
}

/** What just happened, for the one-shot reactions (beep, fly to): `serial` changes on every press. */
export interface AlertArrival {
  serial: number;
  incidentId: string;
  isNewIncident: boolean;
  priority: Priority;
  lat: number;
  lon: number;
}

const KEEP = 30;

export const useAlertsStore = defineStore('alerts', () => {
  const announcements = ref<AlertAnnouncement[]>([]);
  const lastArrival = ref<AlertArrival | null>(null);
  let serial = 0;

  const active = computed(() => announcements.value.filter((a) => !a.dismissed));

  function record(alert: Alert, incident: Incident): void {
    const existing = announcements.value.find((a) => a.incidentId === incident.id);
    // The incident's place, not the press's: repeated presses join it, and its marker is what the map shows.
    const { lat, lon } = incident;
    if (existing) {
      existing.pressCount = Math.max(existing.pressCount, incident.alertCount);
      existing.lastAt = alert.receivedAt;
      existing.priority = incident.priority;
      existing.clockSkew ||= alert.clockSkew === true;
      // A backup request is news of its own kind: the banner says who asks, not who first pressed.
      if (alert.kind === 'backup') {
        existing.kind = 'backup';
        existing.unitId = alert.unitId;
      }
      // A new press after dismissal is news again.
      existing.dismissed = false;
      moveToFront(existing);
    } else {
      announcements.value.unshift({
        incidentId: incident.id,
        kind: alert.kind,
        priority: incident.priority,
        pressCount: Math.max(1, incident.alertCount),
        lat,
        lon,
        gridId: incident.gridId,
        locationText: incident.locationText ?? null,
        unitId: alert.kind === 'backup' ? alert.unitId : incident.unitId,
        firstAt: alert.receivedAt,
        lastAt: alert.receivedAt,
        dismissed: false,
        clockSkew: alert.clockSkew === true,
      });
      announcements.value.length = Math.min(announcements.value.length, KEEP);
    }
    serial += 1;
    lastArrival.value = { serial, incidentId: incident.id, isNewIncident: !existing, priority: incident.priority, lat, lon };
  }

  function moveToFront(a: AlertAnnouncement): void {
    const list = announcements.value;
    const index = list.indexOf(a);
    if (index > 0) list.unshift(...list.splice(index, 1));
  }

  function dismiss(incidentId: string): void {
    const a = announcements.value.find((x) => x.incidentId === incidentId);
    if (a) a.dismissed = true;
  }

  /** An incident that is no longer open needs no banner. */
  function forgetIncident(incidentId: string): void {
    announcements.value = announcements.value.filter((a) => a.incidentId !== incidentId);
  }

  function reset(): void {
    announcements.value = [];
    lastArrival.value = null;
  }

  /** Whether any press of this incident came with a wrong device clock (known for alerts seen on this screen). */
  function clockSkewed(incidentId: string): boolean {
    return announcements.value.some((a) => a.incidentId === incidentId && a.clockSkew);
  }

  return { announcements, active, lastArrival, record, dismiss, forgetIncident, reset, clockSkewed };
});
