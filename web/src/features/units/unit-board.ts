import type { Force, Unit, UnitStatus } from '@lianfang/shared';
import { FORCES, UNIT_STATUSES } from '@lianfang/shared';
import { isStale } from './unit-appearance';

export interface ForceRow {
  force: Force;
  total: number;
  byStatus: Record<UnitStatus, number>;
  /** on duty but no fix for over 2 minutes (or never) */
  stale: number;
}

/**
 * The unit status board: one row per force that has units, with counts per status. An available unit
 * that is lost counts under 失联 only, not 空闲: 空闲 is then what the KPI strip's 可用力量 says
 * (a unit nobody can see is no one to send). A lost unit on a case stays in its case's column too.
 */
export function unitBoardRows(units: readonly Unit[], now: number): ForceRow[] {
  const rows = new Map<Force, ForceRow>();
  for (const unit of units) {
    let row = rows.get(unit.force);
    if (!row) {
      row = { force: unit.force, total: 0, byStatus: Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])) as Record<UnitStatus, number>, stale: 0 };
      rows.set(unit.force, row);
    }
    row.total += 1;
    const lost = unit.status !== 'off_duty' && isStale(unit, now);
    if (lost) row.stale += 1;
    if (!(lost && unit.status === 'available')) row.byStatus[unit.status] += 1;
  }
  return FORCES.flatMap((f) => rows.get(f) ?? []);
}
