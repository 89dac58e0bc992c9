import {
  UnitImportRowSchema,
  type DomainEvent,
  type EnrolledUnit,
  type ImportProblem,
  type ImportReport,
  type ImportRow,
  type UnitImportRow,
} from '@lianfang/shared';
import type { Database, Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit } from '../audit/audit-log.js';
import { importRowChecker, type RowInFile } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { insertUnit, updateUnitRoster } from './unit-repository.js';

/** A row as the file gave it: the report's row number, and what reading the file found wrong. */
export type UnitRowInFile = RowInFile;

export interface UnitImportOptions {
  dryRun: boolean;
  /** who imports (`user:<name>`): every unit created or changed is audited with it */
  actor: string;
}

interface KnownUnit {
  id: string;
  callsign: string;
  force: string;
  mode: string;
  team_id: string | null;
  tracker_id: string | null;
  station_id: string | null;
  retired: boolean;
}

/** What one row does, checked and ready to write. */
type Change =
  | { action: 'create'; row: UnitImportRow; teamId: string | null; stationId: string | null }
  | { action: 'update'; row: UnitImportRow; teamId: string | null; stationId: string | null; unit: KnownUnit; fields: string[] };

const checkRow = importRowChecker<UnitImportRow>(UnitImportRowSchema, 'callsign');

/**
 * Every row checked against the roster as it is: a new callsign is created, a known one updated
 * where its force, mode, team or tracker id differ, and unchanged otherwise. A team is named as
 * the console shows it (or by id); a tracker id may belong to one unit only.
 */
export async function planUnitImport(q: Queryable, items: readonly UnitRowInFile[]): Promise<{ rows: ImportRow[]; changes: Change[] }> {
  // one after another: inside the import's transaction there is one connection
  const units = await q.query<KnownUnit>('SELECT id, callsign, force, mode, team_id, tracker_id, station_id, retired_at IS NOT NULL AS retired FROM units');
  const teams = await q.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE retired_at IS NULL');
  const stations = await q.query<{ id: string; code: string }>('SELECT id, code FROM stations WHERE retired_at IS NULL');
  const stationOf = (ref: string) => stations.find((s) => s.code === ref) ?? stations.find((s) => s.id === ref) ?? null;
  const byCallsign = new Map(units.map((u) => [u.callsign, u]));
  const trackerOwner = new Map(units.filter((u) => u.tracker_id).map((u) => [u.tracker_id!, u.callsign]));
  const teamOf = (name: string) => teams.find((t) => t.id === name) ?? teams.find((t) => t.name === name) ?? null;

  const rows: ImportRow[] = [];
  const changes: Change[] = [];
  const callsignsInFile = new Set<string>();
  const trackersInFile = new Map<string, string>();
  for (const item of items) {
    const checked = checkRow(item.raw);
    const key = checked.row?.callsign ?? checked.key;
    const reject = (problems: ImportProblem[]) => rows.push({ row: item.row, key, action: 'reject', problems: problems.map((p) => withRow(p, item.row)) });
    if (item.problems && item.problems.length > 0) {
      reject(item.problems);
      continue;
    }
    const r = checked.row;
    if (!r) {
      reject(checked.problems);
      continue;
    }
    const problems: ImportProblem[] = [];
    if (callsignsInFile.has(r.callsign))
      problems.push({ field: 'callsign', message: 'appears twice in this file', code: 'twice_in_file', params: { value: r.callsign } });
    callsignsInFile.add(r.callsign);
    const team = r.team ? teamOf(r.team) : null;
    if (r.team && !team) problems.push({ field: 'team', message: `no team named ${r.team}`, code: 'unknown_team', params: { value: r.team } });
    const station = r.station ? stationOf(r.station) : null;
    if (r.station && !station)
      problems.push({ field: 'station', message: `no station with code ${r.station}`, code: 'unknown_station', params: { value: r.station } });
    if (r.trackerId) {
      // a tracker id is a secret: the report says whose it is, never repeats it
      const owner = trackerOwner.get(r.trackerId);
      const inFile = trackersInFile.get(r.trackerId);
      if ((owner && owner !== r.callsign) || (inFile && inFile !== r.callsign))
        problems.push({
          field: 'trackerId',
          message: `is already the tracker of ${owner ?? inFile}`,
          code: 'tracker_in_use',
          params: { value: owner ?? inFile ?? '' },
        });
      trackersInFile.set(r.trackerId, r.callsign);
    }
    if (problems.length > 0) {
      reject(problems);
      continue;
    }
    const known = byCallsign.get(r.callsign);
    // A retired unit keeps its callsign for history; a file never brings it back into service.
    if (known?.retired) {
      reject([{ field: 'callsign', message: 'belongs to a retired unit', code: 'unit_retired', params: { value: r.callsign } }]);
      continue;
    }
    // an empty cell keeps what the unit has: a partial file never wipes teams or trackers
    const teamId = team?.id ?? known?.team_id ?? null;
    const stationId = station?.id ?? known?.station_id ?? null;
    if (!known) {
      rows.push({ row: item.row, key, action: 'create', problems: [] });
      changes.push({ action: 'create', row: r, teamId, stationId });
      continue;
    }
    const fields = [
      known.force !== r.force ? 'force' : null,
      known.mode !== r.mode ? 'mode' : null,
      known.team_id !== teamId ? 'team' : null,
      r.trackerId && known.tracker_id !== r.trackerId ? 'trackerId' : null,
      known.station_id !== stationId ? 'station' : null,
    ].filter((f): f is string => f !== null);
    if (fields.length === 0) rows.push({ row: item.row, key, action: 'unchanged', problems: [] });
    else {
      rows.push({ row: item.row, key, action: 'update', problems: [] });
      changes.push({ action: 'update', row: r, teamId, stationId, unit: known, fields });
    }
  }
  return { rows, changes };
}

const withRow = (p: ImportProblem, row: number): ImportProblem => ({ ...p, params: { ...p.params, row: p.params?.row ?? row } });

function reportOf(rows: ImportRow[], dryRun: boolean, applied: boolean): ImportReport {
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const r of rows) counts[r.action]++;
  return { kind: 'units', dryRun, applied, counts, rows };
}

/**
 * The roster import: a dry run plans only; otherwise the plan is made again inside the command
 * (so it sees the roster as it is when written), and when no row is refused every change is
 * written in that one transaction, audited per unit, and published so every wall updates.
 */
export async function importUnits(db: Database, bus: CommandBus, items: readonly UnitRowInFile[], options: UnitImportOptions): Promise<ImportReport> {
  if (options.dryRun) return reportOf((await planUnitImport(db, items)).rows, true, false);
  const { result } = await bus.run(async (q) => {
    const { rows, changes } = await planUnitImport(q, items);
    if (rows.some((r) => r.action === 'reject') || changes.length === 0) return { result: reportOf(rows, false, false), events: [] };
    const events = await applyUnitChanges(q, changes, options.actor);
    return { result: reportOf(rows, false, true), events };
  });
  return result;
}

/** Writes the planned changes, each audited with the actor; the events put them on every wall. */
async function applyUnitChanges(q: Queryable, changes: readonly Change[], actor: string): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const change of changes) {
    const written = change.action === 'create' ? await createUnit(q, change) : await updateUnit(q, change);
    const { trackerId, ...unit } = written;
    await recordAudit(q, actor, `unit.${change.action}`, unit.id, {
      callsign: unit.callsign,
      import: true,
      ...(change.action === 'update' ? { fields: change.fields } : { force: unit.force, mode: unit.mode, teamId: unit.teamId }),
    });
    events.push({ type: 'unit.updated', unit, trackerId });
  }
  return events;
}

/** The roster as one stage of a larger import (the jurisdiction file set): planned and written in its transaction. */
export function unitImportStage(items: readonly UnitRowInFile[]): ImportStage {
  return async (q, { actor }) => {
    const { rows, changes } = await planUnitImport(q, items);
    return { kind: 'units', rows, events: await applyUnitChanges(q, changes, actor), secrets: [] };
  };
}

async function createUnit(q: Queryable, c: Extract<Change, { action: 'create' }>): Promise<EnrolledUnit> {
  const unit = await insertUnit(q, {
    callsign: c.row.callsign,
    force: c.row.force,
    mode: c.row.mode,
    ...(c.teamId ? { teamId: c.teamId } : {}),
    ...(c.row.trackerId ? { trackerId: c.row.trackerId } : {}),
  });
  if (c.stationId) await q.query('UPDATE units SET station_id = $2 WHERE id = $1', [unit.id, c.stationId]);
  return unit;
}

async function updateUnit(q: Queryable, c: Extract<Change, { action: 'update' }>): Promise<EnrolledUnit> {
  const updated = await updateUnitRoster(q, c.unit.id, {
    force: c.row.force,
    mode: c.row.mode,
    teamId: c.teamId,
    stationId: c.stationId,
    ...(c.row.trackerId ? { trackerId: c.row.trackerId } : {}),
  });
  // planned in this same transaction: the unit is there
  return updated!;
}
