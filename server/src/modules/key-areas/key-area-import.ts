import { randomUUID } from 'node:crypto';
import { KeyAreaFeatureSchema, type ImportRow, type KeyArea, type KeyAreaFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { byCodeForImport, importRowsByCode, type FeatureOutcome } from '../geography/code-matching.js';
import { closedRing } from '../geography/grid-rules.js';
import { changedKeyAreaFields, keyAreaProblems, type KeyAreaFieldNames } from './key-area-checks.js';
import { listKeyAreas } from './key-area-repository.js';

const FEATURE_FIELDS: KeyAreaFieldNames = { code: 'properties.code', ring: 'geometry.coordinates' };
const checkFeature = importRowChecker<KeyAreaFeature>(KeyAreaFeatureSchema, 'code');

export type KeyAreaChange = { action: 'create' | 'update'; keyArea: KeyArea; fields: string[] };

/**
 * Each Polygon feature by code (properties code, name, fromHhmm, toHhmm, visitEveryMinutes):
 * created, updated where it differs (a retired one comes back) or unchanged; a broken polygon or a
 * code twice in the file is refused. The visit state of a known area stays as it is.
 */
export async function planKeyAreaImport(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: KeyAreaChange[] }> {
  const all = await listKeyAreas(q, true);
  const byCode = byCodeForImport(all);
  const changes: KeyAreaChange[] = [];
  const visit = ({ geometry, properties: p }: KeyAreaFeature): FeatureOutcome => {
    const known = byCode.get(p.code);
    const keyArea: KeyArea = {
      lastVisitAt: null,
      lastVisitUnitId: null,
      overdueSince: null,
      createdAt: new Date().toISOString(),
      ...(known ?? {}),
      id: known?.id ?? randomUUID(),
      code: p.code,
      name: p.name,
      ring: closedRing(geometry.coordinates[0]!),
      everyMinutes: p.visitEveryMinutes,
      from: p.fromHhmm,
      to: p.toHhmm,
      retiredAt: null,
    };
    // The file's codes are distinct, so only the areas in service outside it can hold the code.
    const problems = keyAreaProblems(all, keyArea, FEATURE_FIELDS);
    if (problems.length > 0) return { problems };
    const fields = known ? changedKeyAreaFields(known, keyArea) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) return { action: 'unchanged' };
    const action = known ? 'update' : 'create';
    changes.push({ action, keyArea, fields });
    return { action };
  };
  return { rows: importRowsByCode(features, checkFeature, visit), changes };
}
