import type { TSchema } from '@sinclair/typebox';
import type { ImportProblem, ImportRow } from '@lianfang/shared';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// allErrors: a row's report lists every field at fault, not the first; strictNumbers: no NaN or Infinity; verbose: the value at fault.
const ajv = addFormats(new Ajv({ allErrors: true, strictNumbers: true, coerceTypes: false, verbose: true }));

/** `/units/0/onSceneAt` → `units[0].onSceneAt`, the way the import report names fields. */
function fieldOf(e: ErrorObject): string {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const leaf = params.missingProperty ?? params.additionalProperty;
  return leaf ? (path ? `${path}.${leaf}` : leaf) : path || '(row)';
}

function problemOf(e: ErrorObject, field: string): ImportProblem {
  const params = e.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (e.keyword === 'required') return { field, message: 'is required', code: 'required' };
  if (e.keyword === 'additionalProperties') return { field, message: `is not a field of this file`, code: 'unknown_column' };
  if (e.keyword === 'enum') {
    const values = (params.allowedValues ?? []).join(', ');
    return { field, message: `must be one of ${values}`, code: 'one_of', params: { values } };
  }
  // verbose: the value at fault is in e.data, so the report can quote it
  if (e.keyword === 'format' && (e.params as { format?: string }).format === 'date-time')
    return { field, message: 'is not a time', code: 'not_a_time', params: { value: String(e.data) } };
  return { field, message: e.message ?? 'is not valid', code: 'invalid', params: { detail: e.message ?? '' } };
}

/**
 * A checker for one kind of import row (a history case, a unit): every field at fault named as
 * in the file (`units[0].onSceneAt`), with a problem code a screen can say in its own language.
 * `keyField` names the row's key (externalId, callsign) so a refused row still says which it is.
 */
export function importRowChecker<T>(schema: TSchema, keyField: string): (raw: unknown) => { row: T | null; key: string | null; problems: ImportProblem[] } {
  const validate = ajv.compile<T>(schema);
  return (raw) => {
    const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[keyField] : undefined;
    const key = typeof value === 'string' ? value : null;
    if (validate(raw)) return { row: raw, key, problems: [] };
    const seen = new Set<string>();
    const problems: ImportProblem[] = [];
    for (const e of validate.errors ?? []) {
      // a union's branches each report; one line per field is enough
      const field = fieldOf(e);
      if (seen.has(field)) continue;
      seen.add(field);
      problems.push(problemOf(e, field));
    }
    return { row: null, key, problems };
  };
}

/** A row as the file gave it: the report's row number, and what reading the file found wrong. */
export interface RowInFile {
  raw: unknown;
  row: number;
  problems?: ImportProblem[];
}

/** A refused row, every problem carrying its row number (the sentence on screen names it). */
export function rejectedRow(row: number, key: string | null, problems: readonly ImportProblem[]): ImportRow {
  return { row, key, action: 'reject', problems: problems.map((p) => ({ ...p, params: { ...p.params, row: p.params?.row ?? row } })) };
}
