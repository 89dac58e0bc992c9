import type { AlertRaise, UnitStatus } from '@lianfang/shared';
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

  return { raiseSos, setStatus };
}
