import type { TrackPoint } from '@lianfang/shared';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';

export interface TrackReplayFeatures {
  /** each unit's whole track in the window (drawn faint) */
  full: FeatureCollection;
  /** each unit's track up to the replay time (drawn bright) and where it was at that time */
  trail: FeatureCollection;
}

/** Points grouped per unit, in the order the server sends them (by unit, then time). */
export function tracksByUnit(points: readonly TrackPoint[]): Map<string, TrackPoint[]> {
  const byUnit = new Map<string, TrackPoint[]>();
  for (const p of points) {
    let list = byUnit.get(p.unitId);
    if (!list) byUnit.set(p.unitId, (list = []));
    list.push(p);
  }
  return byUnit;
}

/**
 * The replay at one instant: the trail of each unit up to `atMs` and a dot at its
 * last fix before then (a unit with no fix yet is not drawn). `colorOf` gives a
 * unit's colour (its force's).
 */
export function trackReplayFeatures(
  byUnit: ReadonlyMap<string, readonly TrackPoint[]>,
  atMs: number,
  colorOf: (unitId: string) => string,
  labelOf: (unitId: string) => string,
): TrackReplayFeatures {
  const full: Feature[] = [];
  const trail: Feature[] = [];
  for (const [unitId, points] of byUnit) {
    const color = colorOf(unitId);
    const coords: Position2[] = points.map((p) => [p.lon, p.lat]);
    if (coords.length >= 2) full.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { unitId, color } });
    const upTo = points.filter((p) => Date.parse(p.at) <= atMs);
    if (upTo.length >= 2)
      trail.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: upTo.map((p) => [p.lon, p.lat]) }, properties: { unitId, color } });
    const last = upTo[upTo.length - 1];
    if (last)
      trail.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [last.lon, last.lat] },
        properties: { unitId, color, label: labelOf(unitId), at: last.at },
      });
  }
  return { full: featureCollection(full), trail: featureCollection(trail) };
}
