import type { AlertRaise, CreateIncident, Outcome, UnitStatus } from '@lianfang/shared';
import { useCommandOutboxStore } from '../../realtime/outbox/command-outbox.store';
import { newCommandId } from '../../realtime/outbox/queued-command';

/** What the captain's buttons do: queue a command (sent now when online, later when not). Returns its id. */
export function useTabletCommands() {
  const outbox = useCommandOutboxStore();

  function raiseSos(position: { lat: number; lon: number } | null): string {
    const id = newCommandId();
    const payload: AlertRaise = { kind: 'sos', ...(position ? { lat: position.lat, lon: position.lon } : {}) };
    outbox.enqueue({ id, kind: 'alert:raise', createdAt: new Date().toISOString(), payload });
    return id;
  }

  function setStatus(unitId: string, status: UnitStatus): string {
    const id = newCommandId();
    outbox.enqueue({ id, kind: 'unit:status', createdAt: new Date().toISOString(), unitId, status });
    return id;
  }

  /**
   * The next step on an incident: acknowledge the dispatch, then en route, then on scene
   * (`confirmFar` when the captain confirmed arriving although the tablet's position is far).
   */
  function progress(incidentId: string, unitId: string, status: 'acknowledged' | 'en_route' | 'on_scene', confirmFar = false): string {
    const id = newCommandId();
    outbox.enqueue({ id, kind: 'assignment:status', createdAt: new Date().toISOString(), incidentId, unitId, status, ...(confirmFar ? { confirmFar } : {}) });
    return id;
  }

  /** Declining a dispatch, with the reason the control room needs to send someone else. */
  function decline(incidentId: string, unitId: string, reason: string): string {
    const id = newCommandId();
    outbox.enqueue({
      id,
      kind: 'assignment:status',
      createdAt: new Date().toISOString(),
      incidentId,
      unitId,
      status: 'declined',
      reason: reason.slice(0, 500),
    });
    return id;
  }

  function resolve(incidentId: string, outcome: Outcome): string {
    const id = newCommandId();
    outbox.enqueue({ id, kind: 'incident:resolve', createdAt: new Date().toISOString(), incidentId, outcome });
    return id;
  }

  function report(payload: CreateIncident): string {
    const id = newCommandId();
    outbox.enqueue({ id, kind: 'incident:report', createdAt: new Date().toISOString(), payload });
    return id;
  }

  /**
   * Backup for an incident: a `backup` alert from this unit that joins the incident (no second
   * incident), so the control room gets a banner and a sound on the incident it already knows
   * (a request that only sits in a list is a request missed).
   */
  function requestBackup(incidentId: string, position: { lat: number; lon: number } | null, note: string): string {
    const id = newCommandId();
    const payload: AlertRaise = { kind: 'backup', incidentId, note: note.slice(0, 500), ...(position ? { lat: position.lat, lon: position.lon } : {}) };
    outbox.enqueue({ id, kind: 'alert:raise', createdAt: new Date().toISOString(), payload });
    return id;
  }

  return { raiseSos, setStatus, progress, decline, resolve, report, requestBackup };
}
