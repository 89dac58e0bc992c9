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
   * A group key of the table's own (text SQL over the facts `f`, e.g. a histogram
   * bar) instead of the query's `groupBy`; its groups are the keys that occur.
   */
  readonly groupKey?: string;
  readonly facts: Readonly<Record<string, string>>;
  readonly counts: readonly { readonly name: string; readonly sql: string }[];
  readonly where?: string;
  readonly distributions: readonly { readonly name: string; readonly value: string; readonly where: string; readonly percentiles: readonly number[] }[];
}

/** A group's figures as the measures read them: counts by name, and per distribution its percentiles in the order asked (null when empty). */
export type GroupedFigures = Record<string, unknown> & { key: string; label: string };
