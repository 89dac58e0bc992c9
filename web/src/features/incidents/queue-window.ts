import type { Incident } from '@lianfang/shared';

/**
 * The queue rows that fit on screen: the most urgent first, but an incident
 * whose alert banner is up is always among them (taking the last slots), so
 * the alert people just heard is never hidden in "+N more". `pinned` is in
 * banner order (newest first): when more banners are up than rows fit, the
 * newest win. Urgency order is kept among the rows shown.
 */
export function queueWindow(byUrgency: readonly Incident[], fits: number, pinned: Iterable<string>): Incident[] {
  if (byUrgency.length <= fits) return [...byUrgency];
  const open = new Set(byUrgency.map((i) => i.id));
  const chosen = new Set([...pinned].filter((id) => open.has(id)).slice(0, fits));
  for (const i of byUrgency) {
    if (chosen.size >= fits) break;
    chosen.add(i.id);
  }
  return byUrgency.filter((i) => chosen.has(i.id));
}
