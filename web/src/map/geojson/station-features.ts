import type { Station } from '@lianfang/shared';
import { labelImageId } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection } from './geojson-types';

export const STATION_COLORS: Record<Station['kind'], string> = {
  safety_station: '#30d158',
  police_post: '#3d8bff',
  fire: '#ff6b3d',
  medical: '#ff6fae',
  city_mgmt: '#d6b36a',
};

export interface StationFeatureProps {
  [key: string]: string | number | boolean | null;
  id: string;
  kind: string;
  badge: string;
  label: string;
}

/** Stations as points with a one-character badge of their kind and their name. */
export function stationFeatures(stations: readonly Station[], badgeOf: (s: Station) => string): FeatureCollection<Feature['geometry'], StationFeatureProps> {
  return featureCollection(
    stations.map((s) => ({
      type: 'Feature' as const,
      id: s.id,
      geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] as [number, number] },
      properties: { id: s.id, kind: s.kind, badge: labelImageId(`badge:${STATION_COLORS[s.kind]}`, badgeOf(s)), label: labelImageId('station', s.name) },
    })),
  );
}
