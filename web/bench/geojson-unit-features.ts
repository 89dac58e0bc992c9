import type { Unit } from '@lianfang/shared';
import { FORCE_COLORS, STALE_COLOR, STATUS_COLORS, isStale } from '../src/features/units/unit-appearance';
import { labelImageId } from '../src/map/core/label-images';
import { featureCollection, type Feature, type FeatureCollection } from '../src/map/geojson/geojson-types';

export interface UnitFeatureProps {
  [key: string]: string | number | boolean | null;
  id: string;
  stale: boolean;
  fill: string;
  ring: string;
  label: string;
  /** draws fresh units above stale ones and busy ones above free ones */
  rank: number;
}

const STATUS_RANK: Record<Unit['status'], number> = { needs_help: 6, on_scene: 5, en_route: 4, dispatched: 4, busy: 3, available: 2, off_duty: 1 };

/**
 * The wall's units as GeoJSON, as UnitsLayer drew them before the GPU layer: the bench's baseline
 * (same features, same setData hand-off to MapLibre's worker). Colour by force, ring by status, grey when stale.
 */
export function unitFeatures(units: readonly Unit[], now: number): FeatureCollection<Feature['geometry'], UnitFeatureProps> {
  const features: Feature<{ type: 'Point'; coordinates: [number, number] }, UnitFeatureProps>[] = [];
  for (const unit of units) {
    const p = unit.position;
    if (!p) continue;
    const stale = isStale(unit, now);
    // Only what the layers draw: every property is copied to the map's worker once a second per unit.
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: {
        id: unit.id,
        stale,
        fill: stale ? STALE_COLOR : FORCE_COLORS[unit.force],
        ring: stale ? '#2a323d' : STATUS_COLORS[unit.status],
        label: labelImageId(stale ? 'unit-stale' : 'unit', unit.callsign),
        rank: stale ? 0 : STATUS_RANK[unit.status],
      },
    });
  }
  return featureCollection(features);
}
