import { onBeforeUnmount, onMounted, shallowRef, type ShallowRef } from 'vue';
import { featureCollection, type FeatureCollection } from '../../map/geojson/geojson-types';
import { fetchRoads } from './roads.api';

/**
 * The basemap's roads for a page with a map, loaded once when the page mounts (empty until then,
 * and for good when the server has none): the page hands them to its RoadsLayer.
 */
export function useRoads(): ShallowRef<FeatureCollection> {
  const roads = shallowRef<FeatureCollection>(featureCollection([]));
  const controller = new AbortController();
  onMounted(async () => {
    const data = await fetchRoads(controller.signal);
    if (data) roads.value = data;
  });
  onBeforeUnmount(() => controller.abort());
  return roads;
}
