import { HistoryIncidentSchema, type HistoryIncident, type ImportProblem } from '@lianfang/shared';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// allErrors: a row's report lists every field at fault, not the first; strictNumbers: no NaN or Infinity; verbose: the value at fault.
const ajv = addFormats(new Ajv({ allErrors: true, strictNumbers: true, coerceTypes: false, verbose: true }));
const validate = ajv.compile<HistoryIncident>(HistoryIncidentSchema);

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
  if (e.keyword === 'additionalProperties') return { field, message: `is not a field of a history case`, code: 'unknown_column' };
  if (e.keyword === 'enum') {
    const values = (params.allowedValues ?? []).join(', ');
    return { field, message: `must be one of ${values}`, code: 'one_of', params: { values } };
  }
  // verbose: the value at fault is in e.data, so the report can quote it
  if (e.keyword === 'format' && (e.params as { format?: string }).format === 'date-time')
    return { field, message: 'is not a time', code: 'not_a_time', params: { value: String(e.data) } };
  return { field, message: e.message ?? 'is not valid', code: 'invalid', params: { detail: e.message ?? '' } };
}

/** A row of the file checked against HistoryIncidentSchema; problems name each field as in the file. */
export function checkHistoryRow(raw: unknown): { row: HistoryIncident | null; key: string | null; problems: ImportProblem[] } {
  const key =
    raw && typeof raw === 'object' && typeof (raw as { externalId?: unknown }).externalId === 'string' ? (raw as { externalId: string }).externalId : null;
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
}
