import { formatElapsed } from '../../app/time-format';

/** A duration in seconds as m:ss (h:mm:ss past an hour); "–" when there were no samples. */
export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '–' : formatElapsed(Math.round(seconds) * 1000);
}

/** A share 0..1 as a percentage with one decimal; "–" when its denominator was 0. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)}%`;
}

/** A change share with its sign, as districts report them (−66.0%, +12.5%). */
export function formatChange(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  const pct = (share * 100).toFixed(1);
  return share > 0 ? `+${pct}%` : share < 0 ? `−${pct.slice(1)}%` : '0.0%';
}

/** Seconds to minutes with one decimal, for chart axes (null stays a gap). */
export const toMinutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** Share to a percentage with one decimal, for chart axes. */
export const toPercent = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);
