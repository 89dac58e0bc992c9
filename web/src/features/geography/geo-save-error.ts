import { ApiRequestError, NetworkError } from '../../api/api-errors';

/** A refused save in the console's words: which field (as the form labels it) and what is wrong with it. */
export interface GeoSaveError {
  /** the form field to mark; null when the problem is not one field's */
  field: string | null;
  key: string;
  params: Record<string, string>;
}

const KNOWN_FIELDS = new Set([
  'name',
  'code',
  'level',
  'parentId',
  'leader',
  'phone',
  'ring',
  'kind',
  'lat',
  'lon',
  'version',
  'id',
  'everyMinutes',
  'from',
  'to',
  'unitId',
  'post',
  'checkpoints',
]);

export function describeGeoSaveError(err: unknown): GeoSaveError {
  if (err instanceof NetworkError) return { field: null, key: 'login.serverUnreachable', params: {} };
  if (!(err instanceof ApiRequestError)) return { field: null, key: 'geography.error.other', params: { message: String(err) } };
  // `post.radiusM`, `checkpoints.2.name`: marked on the form field that holds them
  const top = err.field?.split('.')[0];
  const field = top && KNOWN_FIELDS.has(top) ? top : null;
  if (err.field === 'version') return { field: null, key: 'geography.error.stale', params: {} };
  if (err.code) return { field, key: `geography.error.${err.code}`, params: {} };
  // a field the schema refused (too long, not a number, not one of the values)
  if (field && err.status === 400) return { field, key: 'geography.error.invalid', params: {} };
  return { field, key: 'geography.error.other', params: { message: err.message } };
}
