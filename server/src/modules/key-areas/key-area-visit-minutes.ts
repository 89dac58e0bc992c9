import type { Queryable } from '../../db/database.js';
import type { FixBatchRider, RiderLoad } from '../positions/position-ingest.js';

const MINUTE_MS = 60_000;
// Like the position buffer, a database outage must not eat the heap (one row per area, unit and minute).
const MAX_PENDING = 200_000;

/**
 * The key-area visit history (migration 016) as the live path writes it: the
 * watcher notes (area, minute, unit) for every accepted fix inside an area, and
 * the rows ride in the position ingest's own batch transaction. So a minute is
 * committed exactly when its fix is, on the instance that accepted the fix, and
 * put back with it when the commit fails. Repeats are dropped in memory (a unit
 * standing in an area sends the same minute again and again); what still comes
 * twice (out-of-order fixes, the same minute after a flush, another instance)
 * meets ON CONFLICT DO NOTHING.
 */
export class KeyAreaVisitMinutes implements FixBatchRider {
  private pending = new Map<string, VisitMinute>();
  /** The last minute noted per area and unit: a fix in the same minute as the previous one costs one lookup. */
  private readonly lastNoted = new Map<string, number>();

  note(keyAreaId: string, unitId: string, deviceTimeMs: number): void {
    const minuteMs = Math.floor(deviceTimeMs / MINUTE_MS) * MINUTE_MS;
    const areaUnit = `${keyAreaId}\u0000${unitId}`;
    if (this.lastNoted.get(areaUnit) === minuteMs) return;
    this.lastNoted.set(areaUnit, minuteMs);
    const key = `${areaUnit}\u0000${minuteMs}`;
    if (this.pending.has(key)) return;
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(key, { keyAreaId, unitId, minuteMs });
  }

  /** Rows noted but not yet handed to a batch (tests). */
  get pendingCount(): number {
    return this.pending.size;
  }

  take(): RiderLoad | null {
    if (this.pending.size === 0) return null;
    const taken = this.pending;
    this.pending = new Map();
    return {
      write: (q) => saveVisitMinutes(q, [...taken.values()]),
      putBack: () => {
        for (const [key, row] of taken) if (!this.pending.has(key)) this.pending.set(key, row);
      },
    };
  }
}

export interface VisitMinute {
  keyAreaId: string;
  unitId: string;
  minuteMs: number;
}

export async function saveVisitMinutes(q: Queryable, rows: readonly VisitMinute[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO key_area_visit_minutes (key_area_id, minute, unit_id)
     SELECT a, to_timestamp(m / 1000.0), u FROM unnest($1::text[], $2::float8[], $3::text[]) AS x(a, m, u)
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.keyAreaId), rows.map((r) => r.minuteMs), rows.map((r) => r.unitId)],
  );
}
