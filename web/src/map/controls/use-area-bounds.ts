import { computed } from 'vue';
import { useGeoStore } from '../../features/geo/geo.store';
import { useUnitsStore } from '../../features/units/units.store';
import { boundsOf } from '../geojson/data-bounds';

/** The area we watch: the street-level grids if there are any, else everything that has a place. */
export function useAreaBounds() {
  const geo = useGeoStore();
  const units = useUnitsStore();
  return computed(() => {
    const streets = geo.grids.filter((g) => g.level === 'street');
    const rings = (streets.length > 0 ? streets : geo.grids).flatMap((g) => g.ring);
    if (rings.length > 0) return boundsOf(rings);
    const points: [number, number][] = geo.stations.map((s) => [s.lon, s.lat]);
    for (const u of units.list) if (u.position) points.push([u.position.lon, u.position.lat]);
    return boundsOf(points);
  });
}
