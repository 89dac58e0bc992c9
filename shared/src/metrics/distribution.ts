import { percentile } from './percentiles.js';

/**
 * A multiset of numbers as its distinct values (ascending) and how often each
 * occurs. Response phases are whole seconds, so a year of them has a few
 * thousand distinct values: the distribution is small where the list is not,
 * it merges by adding counts (a month's and today's make the year's), and its
 * percentiles equal `percentile` on the list it stands for, to the last bit.
 */
export interface Distribution {
  /** ascending; typed arrays are welcome (the server keeps months of them) */
  readonly values: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
}

export const EMPTY_DISTRIBUTION: Distribution = { values: [], counts: [] };

export function distributionSize(d: Distribution): number {
  let n = 0;
  for (let i = 0; i < d.counts.length; i++) n += d.counts[i]!;
  return n;
}

function fromCounts(counts: Map<number, number>): Distribution {
  const values = [...counts.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => counts.get(v)!) };
}

/**
 * Whole numbers within this span are counted in a dense scratch array instead
 * of a Map: a year of phases is millions of values over a few thousand seconds,
 * and array increments are an order of magnitude cheaper than Map updates.
 */
const DENSE_SPAN = 1 << 22;
let scratch = new Float64Array(1024);

function scratchOf(span: number): Float64Array {
  if (scratch.length < span) scratch = new Float64Array(Math.max(span, scratch.length * 2));
  return scratch;
}

/** The span of whole values across the parts, or null when one is not whole or they spread too far for the dense path. */
function wholeSpan(parts: readonly ArrayLike<number>[]): { min: number; span: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v)) return null;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) return { min: 0, span: 0 };
  return max - min < DENSE_SPAN ? { min, span: max - min + 1 } : null;
}

/** Counts added up per value in the dense scratch, read back in order and cleared. */
function denseMerge(parts: readonly Distribution[], min: number, span: number): Distribution {
  const counts = scratchOf(span);
  for (const d of parts) for (let i = 0; i < d.values.length; i++) counts[d.values[i]! - min]! += d.counts[i]!;
  const outValues: number[] = [];
  const outCounts: number[] = [];
  for (let k = 0; k < span; k++) {
    if (counts[k] === 0) continue;
    outValues.push(k + min + 0);
    outCounts.push(counts[k]!);
    counts[k] = 0;
  }
  return { values: outValues, counts: outCounts };
}

/** The distribution of a list of finite numbers. */
export function distributionOf(list: Iterable<number>): Distribution {
  const array = Array.isArray(list) ? (list as number[]) : [...list];
  const whole = wholeSpan([array]);
  if (whole) return denseMerge([{ values: array, counts: new Uint8Array(array.length).fill(1) }], whole.min, whole.span);
  const counts = new Map<number, number>();
  for (const raw of list) {
    if (!Number.isFinite(raw)) throw new RangeError(`distribution values must be finite, got ${raw}`);
    const v = raw + 0; // -0 and 0 are one value, as they sort as equal
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return fromCounts(counts);
}

/** The distribution of all the lists the given distributions stand for, together. */
export function mergeDistributions(parts: readonly Distribution[]): Distribution {
  const nonEmpty = parts.filter((d) => d.values.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY_DISTRIBUTION;
  const whole = wholeSpan(nonEmpty.map((d) => d.values));
  if (whole) return denseMerge(nonEmpty, whole.min, whole.span);
  const counts = new Map<number, number>();
  for (const d of nonEmpty) {
    for (let i = 0; i < d.values.length; i++) counts.set(d.values[i]!, (counts.get(d.values[i]!) ?? 0) + d.counts[i]!);
  }
  return fromCounts(counts);
}

/** The value at 0-based position `k` of the sorted list the distribution stands for. */
function valueAt(d: Distribution, k: number): number {
  let seen = 0;
  for (let i = 0; i < d.values.length; i++) {
    seen += d.counts[i]!;
    if (k < seen) return d.values[i]!;
  }
  throw new RangeError(`position ${k} is past the ${seen} values`);
}

/**
 * `percentile` of the list the distribution stands for (linear interpolation
 * between closest ranks, as PostgreSQL's percentile_cont), without expanding it.
 * The arithmetic is the same as `percentile`'s, so the two agree to the last bit.
 */
export function distributionPercentile(d: Distribution, p: number): number | null {
  const n = distributionSize(d);
  if (n === 0) {
    // same argument check as `percentile`, even with no samples
    percentile([], p);
    return null;
  }
  if (p < 0 || p > 100 || !Number.isFinite(p)) throw new RangeError(`percentile p must be in [0,100], got ${p}`);
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = valueAt(d, lo);
  const b = valueAt(d, hi);
  return a + (b - a) * (rank - lo);
}

/**
 * The percentiles `ps` of the parts taken together, as `distributionPercentile`
 * of their merge, without building the merge when the values are whole numbers
 * close together (a group's phases over a year's months): counts are added in
 * the dense scratch and the ranks read off it. Same arithmetic, same results.
 */
export function percentilesOfParts(parts: readonly Distribution[], ps: readonly number[]): (number | null)[] {
  for (const p of ps) if (p < 0 || p > 100 || !Number.isFinite(p)) throw new RangeError(`percentile p must be in [0,100], got ${p}`);
  const nonEmpty = parts.filter((d) => d.values.length > 0);
  if (nonEmpty.length === 0) return ps.map(() => null);
  if (nonEmpty.length === 1) return ps.map((p) => distributionPercentile(nonEmpty[0]!, p));
  const whole = wholeSpan(nonEmpty.map((d) => d.values));
  if (!whole) {
    const merged = mergeDistributions(nonEmpty);
    return ps.map((p) => distributionPercentile(merged, p));
  }
  const { min, span } = whole;
  const counts = scratchOf(span);
  let n = 0;
  for (const d of nonEmpty) {
    for (let i = 0; i < d.values.length; i++) {
      counts[d.values[i]! - min]! += d.counts[i]!;
      n += d.counts[i]!;
    }
  }
  // the value at sorted position k: walk the cumulative counts (positions asked in any order; spans are small)
  const valueAt = (k: number): number => {
    let seen = 0;
    for (let v = 0; v < span; v++) {
      seen += counts[v]!;
      if (k < seen) return v + min + 0;
    }
    throw new RangeError(`position ${k} is past the ${seen} values`);
  };
  const out = ps.map((p) => {
    const rank = (p / 100) * (n - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const a = valueAt(lo);
    const b = valueAt(hi);
    return a + (b - a) * (rank - lo);
  });
  counts.fill(0, 0, span);
  return out;
}
