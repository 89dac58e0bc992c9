import type { Unit } from '@lianfang/shared';
import { isStale } from '../../features/units/unit-appearance';
import { labelImageId } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection } from '../geojson/geojson-types';

/** Callsigns appear from this zoom on: below it they would cover the markers they name. */
export const LABEL_MIN_ZOOM = 14;
/** More units than this in view and the labels are noise (and a big hand-off to the map's worker): none. */
export const LABEL_MAX_UNITS = 300;

export interface LngLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface UnitLabelProps {
  [key: string]: string | number | boolean | null;
  label: string;
  /** fresh and busy labels win the collision against stale and free ones */
  rank: number;
}

const EMPTY = featureCollection<Feature['geometry'], UnitLabelProps>([]);

/**
 * Callsign labels for the units in view, for a small GeoJSON symbol layer over the GPU markers.
 * Empty below LABEL_MIN_ZOOM or with more than `max` units in view.
 */
export function unitLabelFeatures(
  units: Iterable<Unit>,
  box: LngLatBox,
  zoom: number,
  now: number,
  max = LABEL_MAX_UNITS,
): FeatureCollection<Feature['geometry'], UnitLabelProps> {
  if (zoom < LABEL_MIN_ZOOM) return EMPTY;
  const features: Feature<{ type: 'Point'; coordinates: [number, number] }, UnitLabelProps>[] = [];
  for (const unit of units) {
    const p = unit.position;
    if (!p || p.lon < box.west || p.lon > box.east || p.lat < box.south || p.lat > box.north) continue;
    if (features.length === max) return EMPTY;
    const stale = isStale(unit, now);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: {
        label: labelImageId(stale ? 'unit-stale' : 'unit', unit.callsign),
        rank: stale ? 0 : unit.status === 'available' || unit.status === 'off_duty' ? 1 : 2,
      },
    });
  }
  return featureCollection(features);
}
