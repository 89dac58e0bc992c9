import { computed } from 'vue';
import { boundsOf, type Bounds } from '../../map/geojson/data-bounds';
import { useGeoStore } from '../geo/geo.store';
import { useUnitsStore } from '../units/units.store';

/** The street-level grids' extent (else all grids'); null when there are no grids. */
export function useGridBounds() {
  const geo = useGeoStore();
  let last: Bounds | null = null;
  return computed(() => {
    const streets = geo.grids.filter((g) => g.level === 'street');
    const next = boundsOf((streets.length > 0 ? streets : geo.grids).flatMap((g) => g.ring));
    if (next && last && next.every((v, i) => v === last![i])) return last;
    return (last = next);
  });
}

/** The area we watch: the street-level grids if there are any, else everything that has a place. */
export function useAreaBounds() {
  const geo = useGeoStore();
  const units = useUnitsStore();
  let last: Bounds | null = null;
  return computed(() => {
    const next = areaBounds();
    // Without grids this reruns on every position batch: hand the map the same box while it is the same.
    if (next && last && next.every((v, i) => v === last![i])) return last;
    return (last = next);
  });

  function areaBounds(): Bounds | null {
    const streets = geo.grids.filter((g) => g.level === 'street');
    const rings = (streets.length > 0 ? streets : geo.grids).flatMap((g) => g.ring);
    if (rings.length > 0) return boundsOf(rings);
    const points: [number, number][] = geo.stations.map((s) => [s.lon, s.lat]);
    for (const u of units.list) if (u.position) points.push([u.position.lon, u.position.lat]);
    return boundsOf(points);
  }
}
