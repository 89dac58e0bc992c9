import { randomUUID } from 'node:crypto';
import { StationFeatureSchema, type ImportProblem, type ImportRow, type Station, type StationFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { listStations } from './geo-repository.js';
import { codeOf, withRow } from './import-report-of.js';
import { changedStationFields } from './station-admin-routes.js';

const checkFeature = importRowChecker<StationFeature>(StationFeatureSchema, 'code');

export type StationChange = { action: 'create' | 'update'; station: Station; fields: string[] };

/** Each Point feature by code: created, updated (a retired one comes back) or unchanged; a code twice in the file is refused. */
export async function planStationImport(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: StationChange[] }> {
  const byCode = new Map((await listStations(q, true)).map((s) => [s.code ?? s.id, s]));
  const rows: ImportRow[] = [];
  const changes: StationChange[] = [];
  const seen = new Set<string>();
  const reject = (row: number, key: string | null, problems: ImportProblem[]) =>
    rows.push({ row, key, action: 'reject', problems: problems.map((p) => withRow(p, row)) });
  features.forEach((raw, i) => {
    const row = i + 1;
    const checked = checkFeature(raw);
    if (!checked.row) return reject(row, codeOf(raw), checked.problems);
    const { code, name, kind } = checked.row.properties;
    if (seen.has(code))
      return reject(row, code, [{ field: 'properties.code', message: 'appears twice in this file', code: 'twice_in_file', params: { value: code } }]);
    seen.add(code);
    const [lon, lat] = checked.row.geometry.coordinates;
    const known = byCode.get(code);
    const station: Station = { standingCrew: null, ...(known ?? {}), id: known?.id ?? randomUUID(), code, name, kind, lat, lon, retiredAt: null };
    const fields: string[] = known ? changedStationFields(known, station) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) return rows.push({ row, key: code, action: 'unchanged', problems: [] });
    const action = known ? 'update' : 'create';
    rows.push({ row, key: code, action, problems: [] });
    changes.push({ action, station, fields });
  });
  return { rows, changes };
}
