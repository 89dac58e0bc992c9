import { DomainError, type DomainErrorKind } from '../modules/domain-errors.js';

/**
 * PostgreSQL errors that mean "this input does not fit the data", not "the server broke".
 * SQLSTATE → kind of error and what to tell the client. Names (constraint, column) come from the
 * error; values never do (they may be secrets, and are what the client sent anyway).
 */
const INTEGRITY: Record<string, { kind: DomainErrorKind; message: string }> = {
  '23503': { kind: 'unprocessable', message: 'refers to something that does not exist' }, // foreign_key_violation
  '23505': { kind: 'conflict', message: 'already exists' }, // unique_violation
  '23502': { kind: 'invalid', message: 'is required' }, // not_null_violation
  '23514': { kind: 'unprocessable', message: 'is not allowed here' }, // check_violation
  '22P02': { kind: 'invalid', message: 'has an invalid format' }, // invalid_text_representation
  '22021': { kind: 'invalid', message: 'holds bytes that are not valid text' }, // character_not_in_repertoire
  '22001': { kind: 'invalid', message: 'is too long' }, // string_data_right_truncation
  '22003': { kind: 'invalid', message: 'is out of range' }, // numeric_value_out_of_range
  '22007': { kind: 'invalid', message: 'is not a valid date or time' }, // invalid_datetime_format
  '22008': { kind: 'invalid', message: 'is not a valid date or time' }, // datetime_field_overflow
};

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  column?: unknown;
  table?: unknown;
}

/** The 4xx a database integrity error stands for, naming the field; null for any other error. */
export function integrityErrorOf(err: unknown): DomainError | null {
  if (!(err instanceof Error)) return null;
  const pg = err as Error & PgErrorFields;
  const known = typeof pg.code === 'string' ? INTEGRITY[pg.code] : undefined;
  if (!known) return null;
  const field = fieldOfPgError(pg);
  return new DomainError(known.kind, `${field}: ${known.message}`, field);
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
