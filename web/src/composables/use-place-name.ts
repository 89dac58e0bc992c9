import { distanceM, type LocationText } from '@lianfang/shared';
import { useI18n } from 'vue-i18n';
import { useGeoStore } from '../features/geo/geo.store';
import { locationTextOf } from '../features/places/place-names';

/** Within this a station names the place when no grid contains it. */
const NEAR_STATION_M = 800;

/**
 * Where something is, in words people use on the radio: the location text the server stored with an
 * alert or incident (street, crossing or place, grid), else street › community › grid, else
 * "near <station>", else coordinates.
 */
export function usePlaceName() {
  const geo = useGeoStore();
  const { t, locale } = useI18n();
  return (where: { gridId: string | null; lat: number; lon: number; locationText?: LocationText | null | undefined }): string => {
    const text = locationTextOf(where.locationText, locale.value);
    if (text) return text;
    const chain = geo.gridChain(where.gridId);
    if (chain.length > 0)
      return chain
        .map((g) => g.name)
        .reverse()
        .join(' › ');
    let nearest: { name: string; d: number } | null = null;
    for (const s of geo.stations) {
      const d = distanceM(where.lat, where.lon, s.lat, s.lon);
      if (d <= NEAR_STATION_M && (!nearest || d < nearest.d)) nearest = { name: s.name, d };
    }
    if (nearest) return t('wall.near', { name: nearest.name });
    return `${where.lat.toFixed(5)}, ${where.lon.toFixed(5)}`;
  };
}
