import type { FeatureCollection } from '../features/geojson-types';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { onBeforeUnmount, watch } from 'vue';
import { useMapContext } from './map-context';

export interface GeoJsonLayersOptions {
  sourceId: string;
  data: () => FeatureCollection;
  layers: () => LayerSpecification[];
  /** lets `setFeatureState` address features by this property */
  promoteId?: string;
  /** at most one `setData` per this many ms (the newest data wins); 0 = every change */
  minUpdateMs?: number;
}

/**
 * The layer-component contract: add my source and layers on mount, only
 * `setData` on change, remove layers then source on unmount, and re-add after
 * a style switch. Must be called in a child of <MapView> (mounted when the map is ready).
 */
export function useGeoJsonLayers(options: GeoJsonLayersOptions): { layerIds: () => string[] } {
  const { map, styleGeneration } = useMapContext();
  let addedLayers: string[] = [];

  function add(): void {
    const m = map.value;
    if (!m) return;
    if (!m.getSource(options.sourceId)) {
      m.addSource(options.sourceId, {
        type: 'geojson',
        data: options.data(),
        ...(options.promoteId ? { promoteId: options.promoteId } : {}),
      });
    }
    addedLayers = [];
    for (const layer of options.layers()) {
      if (!m.getLayer(layer.id)) m.addLayer(layer);
      addedLayers.push(layer.id);
    }
  }

  function remove(): void {
    const m = map.value;
    if (!m || !m.style) return;
    for (const id of [...addedLayers].reverse()) if (m.getLayer(id)) m.removeLayer(id);
    if (m.getSource(options.sourceId)) m.removeSource(options.sourceId);
    addedLayers = [];
  }

  let lastSetAt = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  function push(): void {
    pending = null;
    lastSetAt = Date.now();
    (map.value?.getSource(options.sourceId) as GeoJSONSource | undefined)?.setData(options.data());
  }

  add();
  watch(options.data, () => {
    const wait = (options.minUpdateMs ?? 0) - (Date.now() - lastSetAt);
    if (wait <= 0) push();
    else pending ??= setTimeout(push, wait);
  });
  watch(styleGeneration, () => add());
  onBeforeUnmount(() => {
    if (pending !== null) clearTimeout(pending);
    remove();
  });

  return { layerIds: () => addedLayers };
}
