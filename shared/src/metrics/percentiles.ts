/**
 * Percentile by linear interpolation between closest ranks (the method of
 * numpy's default and PostgreSQL's percentile_cont), so server analytics and
 * web charts agree to the digit. Returns null for no samples.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (p < 0 || p > 100 || !Number.isFinite(p)) throw new RangeError(`percentile p must be in [0,100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}
