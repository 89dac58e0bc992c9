import type { Incident } from '@lianfang/shared';

export interface QueueSections {
  /** every P1, in urgency order: drawn above the scrolling list, never scrolled away */
  pinned: Incident[];
  /** the rest in urgency order: a list that scrolls (and follows the keyboard) */
  rest: Incident[];
}

/**
 * Splits the queue for the wall: P1s pinned at the top, everything else below in a list that
 * scrolls, so every open incident is reachable and no P1 is ever hidden. The order on screen is
 * the urgency order (P1s come first in it), which is also the order ↑/↓ walks.
 */
export function queueSections(byUrgency: readonly Incident[]): QueueSections {
  const pinned: Incident[] = [];
  const rest: Incident[] = [];
  for (const i of byUrgency) (i.priority === 'P1' ? pinned : rest).push(i);
  return { pinned, rest };
}
