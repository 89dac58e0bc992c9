import type { LocationText } from '@lianfang/shared';

/**
 * Where a point is in words (see PlacesModule.describe): what the alert and incident services
 * are given, so they store a location text without knowing how it is found. `gridId` when the
 * caller already placed the point in a grid (null: in none).
 */
export type DescribeLocation = (lat: number, lon: number, gridId?: string | null) => LocationText | null;

/** For services built without the places module (tests of other modules, tools). */
export const NO_LOCATION_TEXT: DescribeLocation = () => null;
