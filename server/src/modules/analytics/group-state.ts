import { distributionOf, EMPTY_DISTRIBUTION, type Distribution } from '@lianfang/shared';

/**
 * What a table keeps of one group of incidents before its figures are taken:
 * the counts (and sums) in the order of the measure's `counts`, and one
 * distribution per measure `distributions`. Both merge exactly, by addition:
 * the state of a year is the merged states of its months, days and today, so a
 * kept month serves every later request while its incidents stay unchanged.
 */
export interface GroupState {
  readonly counts: Float64Array;
  readonly dists: readonly Distribution[];
}

/** The counts of the parts added up (their distributions are read together by percentilesOfParts, not merged). */
export function sumCounts(parts: readonly GroupState[], nCounts: number): Float64Array {
  const counts = new Float64Array(nCounts);
  for (const part of parts) for (let i = 0; i < nCounts; i++) counts[i]! += part.counts[i]!;
  return counts;
}

/** Bytes a kept state takes (about: 8 per array element), for the cache's budget. */
export const groupStateBytes = (s: GroupState): number => 64 + s.counts.byteLength + s.dists.reduce((n, d) => n + 48 + d.values.length * 16, 0);

/**
 * A distribution from the comma-separated whole numbers PostgreSQL sends
 * (string_agg of the values as text): parsed by hand, because a year is millions of
 * values and the driver's array parser takes seconds for them.
 */
export function distributionFromCsv(text: string | null): Distribution {
  if (!text) return EMPTY_DISTRIBUTION;
  const values: number[] = [];
  let value = 0;
  let negative = false;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 44;
    if (ch === 44) {
      if (digits === 0) throw new Error('empty value in an analytics distribution');
      values.push(negative ? -value : value);
      value = 0;
      negative = false;
      digits = 0;
    } else if (ch === 45 && digits === 0 && !negative) negative = true;
    else if (ch >= 48 && ch <= 57) {
      value = value * 10 + (ch - 48);
      digits++;
    } else return distributionOf(text.split(',').map(Number)); // a fraction or exponent: never the phases, which are whole seconds
  }
  return distributionOf(values);
}
