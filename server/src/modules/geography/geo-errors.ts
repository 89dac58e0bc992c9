import { DomainError } from '../domain-errors.js';
import type { GeoProblem } from './grid-rules.js';

/** The first problem as the API answers it: a taken code is a conflict (409), the rest cannot be done as asked (422). */
export function geoError(p: GeoProblem): DomainError {
  return new DomainError(p.code === 'code_taken' ? 'conflict' : 'unprocessable', `${p.field}: ${p.message}`, p.field, p.code);
}

/** The record moved on since the client read it: another administrator's change is never overwritten. */
export function staleVersion(current: number, sent: number): DomainError {
  return new DomainError(
    'conflict',
    `version: the record is at version ${current}, not ${sent}: reload and apply your change again`,
    'version',
    'stale_version',
  );
}
