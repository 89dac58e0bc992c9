import { conflict, notFound } from './domain-errors.js';

/**
 * Why a versioned change found nothing to change: the record is gone (404) or another
 * administrator changed it first (409 naming `version`, with the current one so the console can reload).
 */
export function staleOrMissing(what: string, current: { version: number } | null, sent: number): Error {
  if (!current) return notFound(what);
  return conflict('version', `${what} was changed by someone else (version ${current.version}, yours ${sent}); reload and try again`);
}
