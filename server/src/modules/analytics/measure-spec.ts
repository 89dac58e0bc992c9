/**
 * A table of grouped figures over the incident facts, as the parts that merge:
 * - `facts`: per-incident values the SQL below reads, as SQL over the facts `f`
 *   (column name → expression); every expression also sees `rec` (received);
 * - `counts`: aggregates that add up across periods (counts, sums of integers),
 *   as SQL over those columns, returning a number;
 * - `distributions`: the values whose percentiles are taken, as a SQL value and
 *   the condition under which an incident contributes one; the percentiles are
 *   computed from the merged distribution by shared `distributionPercentile`.
 * `id` names the table in cache keys: two specs with one id must be the same SQL.
 * Incidents outside the spec's own scope are left out with `where` (SQL over the facts `f`).
 */
export interface MeasureSpec {
  readonly id: string;
  /**
   * The rows read: one per incident (`incident_facts`, the default), or one per
   * assignment of a received incident (`assignment_facts`; the query's force and
   * team then select units, which is the caller's business, not the scan's).
   */
  readonly source?: 'incidents' | 'assignments';
  /**
   * A group key of the table's own (text SQL over the facts `f`, e.g. a histogram
   * bar) instead of the query's `groupBy`; its groups are the keys that occur.
   */
  readonly groupKey?: string;
  /**
   * A wider table whose kept states hold this one's: the same facts, counts and
   * filters, and this table's distributions at `dists` among its own. A narrow
   * request (the dashboard's chart asks for the response percentiles only) is then
   * served from what the full table (its CSV, the pre-warm) kept. Not the other
   * way round: a narrow table lacks the full one's distributions.
   */
  readonly servedFrom?: { readonly id: string; readonly dists: readonly number[] };
  readonly facts: Readonly<Record<string, string>>;
  readonly counts: readonly { readonly name: string; readonly sql: string }[];
  readonly where?: string;
  readonly distributions: readonly { readonly name: string; readonly value: string; readonly where: string; readonly percentiles: readonly number[] }[];
}

/** A group's figures as the measures read them: counts by name, and per distribution its percentiles in the order asked (null when empty). */
export type GroupedFigures = Record<string, unknown> & { key: string; label: string };
