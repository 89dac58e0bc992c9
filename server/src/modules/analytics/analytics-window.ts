import { MAX_WINDOW_DAYS, type AnalyticsFilters } from '@lianfang/shared';
import { badRequest } from '../domain-errors.js';

const DAY_MS = 86_400_000;

/** A window runs forward and is not longer than `maxDays`; otherwise a 400 names `to`. Returns it as UTC ISO. */
export function checkWindow(from: string, to: string, maxDays = MAX_WINDOW_DAYS): { from: string; to: string } {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start < end)) throw badRequest('to', 'must be after from');
  if (end - start > maxDays * DAY_MS) throw badRequest('to', `the window may span at most ${maxDays} days`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

type FilterName = keyof Pick<AnalyticsFilters, 'gridId' | 'force' | 'teamId' | 'category' | 'priority'>;

/** The filters a request gave that a table cannot apply (coverage has no category): listed in the reply, not silently dropped. */
export const notApplied = (q: Partial<Record<FilterName, unknown>>, names: readonly FilterName[]): string[] => names.filter((n) => q[n] !== undefined);
