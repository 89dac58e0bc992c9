import { HttpError } from '../modules/domain-errors.js';

/**
 * PostgreSQL errors that mean "this input does not fit the data", not "the server broke".
 * SQLSTATE → status and what to tell the client. Names (constraint, column) come from the
 * error; values never do (they may be secrets, and are what the client sent anyway).
 */
const INTEGRITY: Record<string, { status: number; message: string }> = {
  '23503': { status: 422, message: 'refers to something that does not exist' }, // foreign_key_violation
  '23505': { status: 409, message: 'already exists' }, // unique_violation
  '23502': { status: 400, message: 'is required' }, // not_null_violation
  '23514': { status: 422, message: 'is not allowed here' }, // check_violation
  '22P02': { status: 400, message: 'has an invalid format' }, // invalid_text_representation
  '22021': { status: 400, message: 'holds bytes that are not valid text' }, // character_not_in_repertoire
  '22001': { status: 400, message: 'is too long' }, // string_data_right_truncation
  '22003': { status: 400, message: 'is out of range' }, // numeric_value_out_of_range
  '22007': { status: 400, message: 'is not a valid date or time' }, // invalid_datetime_format
  '22008': { status: 400, message: 'is not a valid date or time' }, // datetime_field_overflow
};

interface PgErrorFields { code?: unknown; constraint?: unknown; column?: unknown; table?: unknown }

/** The 4xx a database integrity error stands for, naming the field; null for any other error. */
export function integrityErrorOf(err: unknown): HttpError | null {
  if (!(err instanceof Error)) return null;
  const pg = err as Error & PgErrorFields;
  const known = typeof pg.code === 'string' ? INTEGRITY[pg.code] : undefined;
  if (!known) return null;
  const field = fieldOfPgError(pg);
  return new HttpError(known.status, `${field}: ${known.message}`, field);
}

/**
 * `users_team_id_fkey` on table `users` → `teamId`; a not-null error's column → camelCase.
 * Without either (an invalid uuid has neither) the body as a whole is named.
 */
export function fieldOfPgError(pg: PgErrorFields): string {
  if (typeof pg.column === 'string' && pg.column) return camelCase(pg.column);
  if (typeof pg.constraint === 'string' && pg.constraint) {
    let name = pg.constraint.replace(/_(fkey|key|pkey|check|excl)$/, '');
    if (typeof pg.table === 'string' && name.startsWith(`${pg.table}_`)) name = name.slice(pg.table.length + 1);
    return camelCase(name);
  }
  return '(body)';
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
