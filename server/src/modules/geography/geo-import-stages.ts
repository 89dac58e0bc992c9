import type { DomainEvent, Grid, Station } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ImportStage } from '../import-stages.js';
import { insertGrid, insertStation, saveGrid, saveStation } from './geo-repository.js';
import { planGridImport, type GridChange } from './grid-import.js';
import { planStationImport, type StationChange } from './station-import.js';

/** Writes planned grid changes in plan order (parents first: a new community's street is in the table before it), each audited. */
export async function applyGridChanges(q: Queryable, changes: readonly GridChange[], actor: string): Promise<DomainEvent[]> {
  const written: Grid[] = [];
  for (const c of changes) {
    const grid = c.action === 'create' ? await insertGrid(q, c.grid) : await saveGrid(q, c.grid);
    written.push(grid);
    await recordAudit(q, actor, `grid.${c.action}`, grid.id, {
      code: grid.code,
      import: true,
      ...(c.action === 'update' ? { fields: c.fields } : { level: grid.level }),
    });
  }
  return written.length > 0 ? [{ type: 'geography.changed', grids: written, stations: [] }] : [];
}

export async function applyStationChanges(q: Queryable, changes: readonly StationChange[], actor: string): Promise<DomainEvent[]> {
  const written: Station[] = [];
  for (const c of changes) {
    const station = c.action === 'create' ? await insertStation(q, c.station) : await saveStation(q, c.station);
    written.push(station);
    await recordAudit(q, actor, `station.${c.action}`, station.id, {
      code: station.code,
      import: true,
      ...(c.action === 'update' ? { fields: c.fields } : { kind: station.kind }),
    });
  }
  return written.length > 0 ? [{ type: 'geography.changed', grids: [], stations: written }] : [];
}

/** Grids as one stage of a larger import (the jurisdiction file set). */
export const gridImportStage =
  (features: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const { rows, changes } = await planGridImport(q, features);
    return { kind: 'grids', rows, events: await applyGridChanges(q, changes, actor), secrets: [] };
  };

export const stationImportStage =
  (features: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const { rows, changes } = await planStationImport(q, features);
    return { kind: 'stations', rows, events: await applyStationChanges(q, changes, actor), secrets: [] };
  };
