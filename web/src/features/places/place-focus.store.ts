import type { Place } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';

/**
 * The wall's place search and the map: the place picked last (the map flies there and marks it; a
 * new `serial` is a new pick, even of the same place), and a bump that asks the search box for the
 * keyboard (the wall's "/" key), and where the map is looking.
 */
export const usePlaceFocusStore = defineStore('placeFocus', () => {
  const target = shallowRef<(Pick<Place, 'lat' | 'lon' | 'kind'> & { serial: number }) | null>(null);
  const focusRequests = ref(0);
  /** where the wall's map is looking (reported by the map after each move): the search's `near` */
  const centre = shallowRef<{ lat: number; lon: number } | null>(null);
  let serial = 0;

  function setCentre(point: { lat: number; lon: number }): void {
    centre.value = point;
  }

  function flyTo(place: Pick<Place, 'lat' | 'lon' | 'kind'>): void {
    target.value = { lat: place.lat, lon: place.lon, kind: place.kind, serial: ++serial };
  }

  function requestFocus(): void {
    focusRequests.value++;
  }

  return { target, focusRequests, centre, setCentre, flyTo, requestFocus };
});
