import type { LogEntry, Unit } from '@lianfang/shared';
import { fresherPosition } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { publicUnit } from './public-unit.js';
import { listEnrolledUnits, newestFixes } from './unit-repository.js';

/** The units with their last positions, and the tracker map of the OsmAnd ingest. */
export class UnitsSlice implements PictureSlice {
  readonly units = new Map<string, Unit>();
  /** Tracker id → unit. Server-side only: tracker ids are secrets and never reach a screen. */
  readonly unitByTracker = new Map<string, string>();
  private readonly trackerByUnit = new Map<string, string>();

  async load(q: Queryable): Promise<void> {
    for (const { trackerId, ...unit } of await listEnrolledUnits(q)) {
      this.putUnit(unit);
      this.setTracker(unit.id, trackerId);
    }
    // `last_fix` is written on a slow beat; history may hold a newer fix (a crash before the beat).
    for (const p of await newestFixes(q)) {
      const unit = this.units.get(p.unitId);
      if (unit) unit.position = fresherPosition(unit.position, p);
    }
  }

  apply(entry: LogEntry): void {
    if (entry.type === 'unit.positions') {
      for (const p of entry.positions) {
        const unit = this.units.get(p.unitId);
        if (unit) unit.position = p;
      }
    } else if (entry.type === 'unit.updated' && entry.retired) {
      // Retired: off the wall and out of the candidates; its tracker id moves nothing any more.
      this.units.delete(entry.unit.id);
      this.setTracker(entry.unit.id, null);
    } else if (entry.type === 'unit.updated') {
      this.putUnit(entry.unit);
      if (entry.trackerId !== undefined) this.setTracker(entry.unit.id, entry.trackerId);
    }
  }

  private putUnit(unit: Unit): void {
    const previous = this.units.get(unit.id);
    // A status change carries the unit as stored (its `last_fix` may be seconds old): keep the fresher position.
    this.units.set(unit.id, { ...publicUnit(unit), position: fresherPosition(previous?.position ?? null, unit.position) });
  }

  /** A rotated or revoked tracker id stops moving the unit at once. */
  private setTracker(unitId: string, trackerId: string | null): void {
    const previous = this.trackerByUnit.get(unitId);
    if (previous !== undefined) this.unitByTracker.delete(previous);
    this.trackerByUnit.delete(unitId);
    if (trackerId) {
      this.unitByTracker.set(trackerId, unitId);
      this.trackerByUnit.set(unitId, trackerId);
    }
  }
}
