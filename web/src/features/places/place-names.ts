import type { LocationText, Place } from '@lianfang/shared';

/** A place's name in the screen's language: the English name when there is one, else the local name. */
export function placeName(place: Pick<Place, 'name' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? (place.nameEn ?? place.name) : place.name;
}

/** An alert's or incident's location text in the screen's language; '' when it has none. */
export function locationTextOf(text: LocationText | null | undefined, locale: string): string {
  if (!text) return '';
  return locale === 'en' ? text.en : text.zh;
}

/** "320 m" / "1.4 km": how far a result is from where the operator looks. */
export function distanceLabel(metres: number | null): string {
  if (metres === null) return '';
  return metres < 1000 ? `${Math.round(metres / 10) * 10} m` : `${(metres / 1000).toFixed(1)} km`;
}
