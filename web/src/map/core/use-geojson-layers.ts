import type { FeatureCollection } from '../features/geojson-types';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { onBeforeUnmount, watch } from 'vue';
import { provideLabelImage } from './label-images';
import { useMapContext } from './map-context';

export interface GeoJsonLayersOptions {
  sourceId: string;
  data: () => FeatureCollection;
  layers: () => LayerSpecification[];
  /** lets `setFeatureState` address features by this property */
  promoteId?: string;
  /** at most one `setData` per this many ms (the newest data wins); 0 = every change */
  minUpdateMs?: number;
  /** the layer toggle: hidden layers keep their source and place in the drawing order */
  visible?: () => boolean;
  /**
   * Compare each new FeatureCollection with the last one sent (as JSON) and skip a `setData` that
   * changes nothing (default). Layers whose data only changes for real (units: a new object per
   * position batch) turn it off: serialising 5,000 features costs more than it saves.
   */
  skipUnchanged?: boolean;
}

/**
 * The layer-component contract: add my source and layers on mount, only
 * `setData` on change, remove layers then source on unmount, and re-add after
 * a style switch. Must be called in a child of <MapView> (mounted when the map is ready).
 */
export function useGeoJsonLayers(options: GeoJsonLayersOptions): { layerIds: () => string[] } {
  const { map, styleGeneration, uiScale } = useMapContext();

  /**
   * Draws the label images the features name before the data goes to the map.
   * Left to `styleimagemissing`, each new label would make MapLibre lay the tile
   * out, add the image, then reload the tile: a new marker would show a frame later.
   */
  function prepareLabels(data: FeatureCollection): void {
    const m = map.value;
    if (!m) return;
    for (const f of data.features) {
      for (const value of Object.values(f.properties)) {
        // Each label is drawn once; asking the map for 5,000 known labels every second is not free.
        if (typeof value === 'string' && value.startsWith('lbl|') && !provided.has(value)) {
          provideLabelImage(m, value, uiScale.value);
          provided.add(value);
        }
      }
    }
  }
  /** label ids already given to the current style (a style switch drops its images) */
  let provided = new Set<string>();
  let addedLayers: string[] = [];

  function add(): void {
    const m = map.value;
    if (!m) return;
    if (!m.getSource(options.sourceId)) {
      const data = options.data();
      if (options.skipUnchanged !== false) lastSent = JSON.stringify(data);
      prepareLabels(data);
      m.addSource(options.sourceId, {
        type: 'geojson',
        data,
        // z14 tiles are exact to ~0.3 m (8192 units across ~2.4 km); deeper zooms reuse them, so
        // flying to an alert does not make the workers cut (and the map redraw) new tile levels.
        maxzoom: 14,
        ...(options.promoteId ? { promoteId: options.promoteId } : {}),
      });
    }
    addedLayers = [];
    const visibility = visibilityNow();
    for (const layer of options.layers()) {
      if (!m.getLayer(layer.id)) m.addLayer({ ...layer, layout: { ...layer.layout, visibility } } as LayerSpecification);
      addedLayers.push(layer.id);
    }
  }

  function visibilityNow(): 'visible' | 'none' {
    return !options.visible || options.visible() ? 'visible' : 'none';
  }

  function applyVisibility(): void {
    const m = map.value;
    if (!m) return;
    const visibility = visibilityNow();
    for (const id of addedLayers) if (m.getLayer(id)) m.setLayoutProperty(id, 'visibility', visibility);
  }

  function remove(): void {
    const m = map.value;
    if (!m || !m.style) return;
    for (const id of [...addedLayers].reverse()) if (m.getLayer(id)) m.removeLayer(id);
    if (m.getSource(options.sourceId)) m.removeSource(options.sourceId);
    addedLayers = [];
  }

  let lastSetAt = 0;
  let lastSent = '';
  let pending: ReturnType<typeof setTimeout> | null = null;
  function push(): void {
    pending = null;
    const data = options.data();
    // Each setData is a full repaint (≈200 ms without a GPU): skip it when nothing really changed,
    // e.g. when a clock tick recomputed the same features.
    if (options.skipUnchanged !== false) {
      const serialized = JSON.stringify(data);
      if (serialized === lastSent) return;
      lastSent = serialized;
    }
    lastSetAt = Date.now();
    prepareLabels(data);
    (map.value?.getSource(options.sourceId) as GeoJSONSource | undefined)?.setData(data);
  }

  add();
  watch(options.data, () => {
    const wait = (options.minUpdateMs ?? 0) - (Date.now() - lastSetAt);
    if (wait <= 0) push();
    else pending ??= setTimeout(push, wait);
  });
  watch(styleGeneration, () => {
    provided = new Set();
    add();
  });
  if (options.visible) watch(options.visible, applyVisibility);
  onBeforeUnmount(() => {
    if (pending !== null) clearTimeout(pending);
    remove();
  });

  return { layerIds: () => addedLayers };
}
