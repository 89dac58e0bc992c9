import type { FeatureCollection } from '../geojson/geojson-types';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { onBeforeUnmount, watch } from 'vue';
import { provideLabelImage } from './label-images';
import { usableMap, useMapContext } from './map-context';

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
  const ctx = useMapContext();
  const { styleGeneration, uiScale } = ctx;
  // Every map call goes through this: while the WebGL context is lost MapLibre has no style and
  // would throw; what changes meanwhile is sent on the `styleGeneration` that follows the restore.
  const liveMap = () => usableMap(ctx);

  /**
   * Draws the label images the features name before the data goes to the map.
   * Left to `styleimagemissing`, each new label would make MapLibre lay the tile
   * out, add the image, then reload the tile: a new marker would show a frame later.
   */
  function prepareLabels(data: FeatureCollection): void {
    const m = liveMap();
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

  /** Adds the source and layers that are missing; true when the source was already there (kept by MapLibre across a lost context). */
  function add(): boolean {
    const m = liveMap();
    if (!m) return false;
    const kept = !!m.getSource(options.sourceId);
    if (!kept) {
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
    return kept;
  }

  function visibilityNow(): 'visible' | 'none' {
    return !options.visible || options.visible() ? 'visible' : 'none';
  }

  function applyVisibility(): void {
    const m = liveMap();
    if (!m) return;
    const visibility = visibilityNow();
    for (const id of addedLayers) if (m.getLayer(id)) m.setLayoutProperty(id, 'visibility', visibility);
  }

  function remove(): void {
    const m = liveMap();
    if (!m) return;
    for (const id of [...addedLayers].reverse()) if (m.getLayer(id)) m.removeLayer(id);
    if (m.getSource(options.sourceId)) m.removeSource(options.sourceId);
    addedLayers = [];
  }

  let lastSetAt = 0;
  let lastSent = '';
  let pending: ReturnType<typeof setTimeout> | null = null;
  function push(): void {
    pending = null;
    const source = liveMap()?.getSource(options.sourceId) as GeoJSONSource | undefined;
    // No map to send to (context lost, style reloading): the restore's re-add sends the data then.
    if (!source) return;
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
    source.setData(data);
  }

  add();
  watch(options.data, () => {
    const wait = (options.minUpdateMs ?? 0) - (Date.now() - lastSetAt);
    if (wait <= 0) push();
    else pending ??= setTimeout(push, wait);
  });
  watch(styleGeneration, () => {
    provided = new Set();
    // A source MapLibre kept across a lost context holds the data last sent before the loss (`lastSent`:
    // pushes while lost send nothing), and its layers the visibility of then: send what changed since,
    // and only that (re-tiling the roads for nothing doubles the restore). A style switch starts fresh.
    if (add()) {
      if (pending !== null) clearTimeout(pending);
      push();
      applyVisibility();
    }
  });
  if (options.visible) watch(options.visible, applyVisibility);
  onBeforeUnmount(() => {
    if (pending !== null) clearTimeout(pending);
    remove();
  });

  return { layerIds: () => addedLayers };
}
