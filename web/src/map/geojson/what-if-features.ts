import { labelImageId } from '../core/label-images';
import { cellOutlines } from './gap-features';
import { featureCollection, type Feature, type FeatureCollection } from './geojson-types';

/** Something placed in a what-if: a unit at its new spot (with where it stands now) or a temporary post. */
export interface WhatIfMarker {
  /** `unit:<id>` or `post:<n>`: what a drag of it reports */
  id: string;
  lat: number;
  lon: number;
  /** where a moved unit stands now; null for a post */
  from: { lat: number; lon: number } | null;
  label: string;
  /** too far from a road its mode uses: it covers nothing */
  unplaced: boolean;
}

export interface WhatIfProps {
  [key: string]: string | number | boolean | null;
  /** gained | lost (cells), link (from → to), marker */
  kind: string;
  label: string;
  unplaced: boolean;
}

/**
 * The what-if drawn over the live map and apart from it: cells the change would bring within the
 * goal (closed gaps), cells it would leave beyond it (opened gaps), a dashed link from each moved
 * unit to its new spot, and a marker with a label for every moved unit and post.
 */
export function whatIfFeatures(
  markers: readonly WhatIfMarker[],
  gainedCells: readonly string[],
  lostCells: readonly string[],
): FeatureCollection<Feature['geometry'], WhatIfProps> {
  const features: Feature<Feature['geometry'], WhatIfProps>[] = [];
  const cells = (list: readonly string[], kind: 'gained' | 'lost') => {
    for (const polygon of cellOutlines(list))
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: polygon }, properties: { kind, label: '', unplaced: false } });
  };
  cells(gainedCells, 'gained');
  cells(lostCells, 'lost');
  for (const m of markers) {
    if (m.from) {
      features.push({
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [m.from.lon, m.from.lat],
            [m.lon, m.lat],
          ],
        },
        properties: { kind: 'link', label: '', unplaced: m.unplaced },
      });
    }
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [m.lon, m.lat] },
      properties: { kind: 'marker', label: labelImageId('what-if', m.label), unplaced: m.unplaced },
    });
  }
  return featureCollection(features);
}
