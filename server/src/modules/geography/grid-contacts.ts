import type { Grid } from '@lianfang/shared';

/**
 * The console and the GeoJSON speak of one `phone` per grid: the first contact's (the leader's,
 * as the demo and most districts keep it). Other contacts are left as they are.
 */
const DEFAULT_ROLE = '负责人';

export const phoneOf = (g: Pick<Grid, 'contacts'>): string | null => g.contacts[0]?.phone || null;

/** The contacts with the first one's phone set (or the first one dropped when `phone` is null). */
export function contactsWithPhone(contacts: Grid['contacts'], leader: string | null, gridName: string, phone: string | null): Grid['contacts'] {
  const [first, ...rest] = contacts;
  if (!phone) return rest;
  // A known first contact keeps its name and role: only the number changes.
  return [{ ...(first ?? { name: leader || gridName, role: DEFAULT_ROLE }), phone }, ...rest];
}
