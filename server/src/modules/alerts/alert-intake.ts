import { createHash, randomUUID } from 'node:crypto';
import type { JournalledPress } from '@lianfang/shared';
import { isDatabaseUnavailable } from '../../db/db-unavailable.js';
import type { AlertService, RaiseAlert, RaiseAlertResult } from './alert-service.js';
import type { IntakeJournal } from './intake-journal.js';

export type IntakeOutcome = { recorded: RaiseAlertResult } | { journalled: JournalledPress };

/**
 * Where a device's press goes: straight into the database (the live path), or,
 * while PostgreSQL cannot be reached and Redis can, into the intake journal
 * (202 with its journal id, recorded later in order). While the journal still
 * holds presses, new ones queue behind them, so presses are recorded in the
 * order they came. With both away the database's error stands: 503 + Retry-After.
 */
export class AlertIntake {
  constructor(
    private readonly alerts: AlertService,
    /** null: no Redis, or embedded PGlite (it has no outage of its own). */
    private readonly journal: IntakeJournal | null,
  ) {}

  get journalled(): boolean {
    return this.journal !== null;
  }

  async press(input: RaiseAlert): Promise<IntakeOutcome> {
    const alertId = input.alertId ?? (input.idempotencyKey ? keyedAlertId(input.deviceId ?? input.unitId ?? '', input.idempotencyKey) : randomUUID());
    // A key on every press: if the database took it just as the link broke, the journal's copy is recognised.
    const press = { ...input, alertId, idempotencyKey: input.idempotencyKey ?? `press:${alertId}` };
    // A press with no place is refused now (422), not accepted and then refused on replay.
    this.alerts.locate(press);
    if (this.journal && (await this.journal.hasBacklog())) return { journalled: await this.append(press) };
    try {
      return { recorded: await this.alerts.raise(press) };
    } catch (err) {
      if (!this.journal || !isDatabaseUnavailable(err)) throw err;
      try {
        return { journalled: await this.append(press) };
      } catch {
        throw err; // Redis away too: the database's 503 stands, nothing was acknowledged.
      }
    }
  }

  private append(press: RaiseAlert & { alertId: string; idempotencyKey: string }): Promise<JournalledPress> {
    // A backup request names an incident: it never comes through device intake, so it is not journalled.
    const { incidentId: _named, ...kept } = press;
    return this.journal!.append({ ...kept, receivedAt: press.receivedAt ?? new Date().toISOString() });
  }
}

/**
 * The alert id of a keyed press: the same for every retry of it (a UUID from the device and its key),
 * so a retry that lands on another instance after the first reply was lost names the same alert.
 */
export function keyedAlertId(scope: string, key: string): string {
  const h = createHash('sha256').update(`lianfang-alert\u0000${scope}\u0000${key}`).digest('hex');
  // The version (8: name-based, RFC 9562 custom) and variant bits of a UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
