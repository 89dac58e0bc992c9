import type { Incident } from '@lianfang/shared';

/**
 * The queue rows that fit on screen: the most urgent first, but an incident
 * whose alert banner is up is always among them (taking the last slots), so
 * the alert people just heard is never hidden in "+N more". Urgency order is
 * kept among the rows shown.
 */
export function queueWindow(byUrgency: readonly Incident[], fits: number, pinned: ReadonlySet<string>): Incident[] {
  if (byUrgency.length <= fits) return [...byUrgency];
  const chosen = new Set(byUrgency.filter((i) => pinned.has(i.id)).slice(0, fits).map((i) => i.id));
  for (const i of byUrgency) {
    if (chosen.size >= fits) break;
    chosen.add(i.id);
  }
  return byUrgency.filter((i) => chosen.has(i.id));
}
