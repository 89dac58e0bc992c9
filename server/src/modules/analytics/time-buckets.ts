/**
 * Local calendar buckets in SQL. Times are stored as instants; a manager's "Monday"
 * or "09:00" is in the district's TIME_ZONE, so every bucket is taken on
 * `instant AT TIME ZONE tz` (a local wall-clock time), which also handles DST where a zone has it.
 */
export type BucketUnit = 'hour' | 'day' | 'week' | 'month';

/** Key formats: sortable as text, and the same text the drill-down accepts back as `groupKey`. */
const FORMATS: Record<BucketUnit, string> = {
  hour: 'YYYY-MM-DD HH24:00',
  day: 'YYYY-MM-DD',
  // ISO weeks start on Monday (date_trunc('week')); the key is that Monday's date.
  week: 'YYYY-MM-DD',
  month: 'YYYY-MM',
};

const KEY_PATTERNS: Record<BucketUnit, RegExp> = {
  hour: /^\d{4}-\d{2}-\d{2} \d{2}:00$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
  week: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-\d{2}$/,
};

/**
 * The bucket of a local timestamp expression, as a local timestamp (its start).
 * Rows are grouped on this and formatted only once per bucket (`bucketLabelSql`):
 * formatting every row first costs more than the aggregates on a month of incidents.
 */
export const bucketStartOfSql = (unit: BucketUnit, localExpr: string): string => `date_trunc('${unit}', ${localExpr})`;

/** The text key of a bucket start. */
export const bucketLabelSql = (unit: BucketUnit, bucketStart: string): string => `to_char(${bucketStart}, '${FORMATS[unit]}')`;

/**
 * Every bucket start that overlaps [from, to) as column `key`, so a chart shows an
 * empty day as 0 instead of silently joining its neighbours. `from`/`to`/`tz` are placeholders.
 */
export const bucketSeriesSql = (unit: BucketUnit, from: string, to: string, tz: string): string =>
  `SELECT b AS key
     FROM generate_series(date_trunc('${unit}', ${from}::timestamptz AT TIME ZONE ${tz}),
                          (${to}::timestamptz AT TIME ZONE ${tz}) - interval '1 microsecond',
                          interval '1 ${unit}') AS b`;

/** Whether `key` names a real bucket: a calendar date (a Monday for weeks), month or hour in the key format. */
export function isBucketKey(unit: BucketUnit, key: string): boolean {
  if (!KEY_PATTERNS[unit].test(key)) return false;
  const [y, m, d] = [Number(key.slice(0, 4)), Number(key.slice(5, 7)), unit === 'month' ? 1 : Number(key.slice(8, 10))];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  const hourOk = unit !== 'hour' || Number(key.slice(11, 13)) < 24;
  return real && hourOk && (unit !== 'week' || date.getUTCDay() === 1);
}

/** The local start of a bucket key as a SQL timestamp (no zone) expression. */
export const bucketStartSql = (unit: BucketUnit, keyPlaceholder: string): string =>
  unit === 'month' ? `(${keyPlaceholder} || '-01')::timestamp` : `${keyPlaceholder}::timestamp`;
