import type { LocationText } from '@lianfang/shared';
import type { NearPlace, NearestStreet } from './reverse-geocoder.js';
import { hasHan } from './place-terms.js';

/**
 * The words an alert or incident carries for where it is, in both UI languages:
 *   zh: 中山东路 · 中山东路与洪武北路交叉口附近 · 新街口一网格
 *   en: East Zhongshan Road · near East Zhongshan Road / Hongwu North Road · grid 新街口一网格
 * Parts that are missing are left out; nothing named at all gives null.
 */
export function locationText(street: NearestStreet | null, near: NearPlace | null, gridName: string | null): LocationText | null {
  const zh: string[] = [];
  const en: string[] = [];
  if (street) {
    zh.push(street.street.name);
    en.push(street.street.nameEn ?? street.street.name);
  }
  if (near) {
    // "…交叉口附近" runs on; a Latin name gets a space before the Chinese word.
    const gap = hasHan(near.place.name) ? '' : ' ';
    zh.push(`${near.place.name}${gap}${near.kind === 'crossing' ? '附近' : '旁'}`);
    en.push(`near ${near.place.nameEn ?? near.place.name}`);
  }
  if (gridName) {
    zh.push(gridName);
    en.push(`grid ${gridName}`);
  }
  return zh.length === 0 ? null : { zh: zh.join(' · '), en: en.join(' · ') };
}
