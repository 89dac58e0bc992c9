import type { PlaceKind } from '@lianfang/shared';

/** How close the map comes for each kind: a crossing or an address closer than a whole grid. */
export const ZOOM_FOR_KIND: Readonly<Record<PlaceKind, number>> = {
  street: 16,
  crossing: 17,
  poi: 17,
  address: 17.5,
  grid: 15,
  station: 16.5,
  key_area: 16,
  unit: 16.5,
};
