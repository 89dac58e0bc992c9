import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

/** The wall's toggleable map layers, in the order the toggle bar lists them. */
export const MAP_LAYER_KEYS = ['units', 'incidents', 'grids', 'stations', 'keyAreas', 'posts', 'coverage', 'gaps'] as const;
export type MapLayerKey = (typeof MAP_LAYER_KEYS)[number];

const STORAGE_KEY = 'lianfang.mapLayers';
/** Coverage shading is off at first: it is an analysis view, not the live picture. */
const DEFAULTS: Record<MapLayerKey, boolean> = {
  units: true,
  incidents: true,
  grids: true,
  stations: true,
  keyAreas: true,
  posts: true,
  coverage: false,
  gaps: false,
};

/** Which layers are on; remembered per screen (a wall PC keeps its operator's choice across reloads). */
export const useMapLayersStore = defineStore('mapLayers', () => {
  const shown = ref<Record<MapLayerKey, boolean>>({ ...DEFAULTS, ...stored() });

  function toggle(key: MapLayerKey): void {
    shown.value = { ...shown.value, [key]: !shown.value[key] };
  }

  watch(shown, (value) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    } catch {
      // Not remembered, still toggled.
    }
  });

  return { shown, toggle };
});

function stored(): Partial<Record<MapLayerKey, boolean>> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => (MAP_LAYER_KEYS as readonly string[]).includes(k) && typeof v === 'boolean'));
  } catch {
    return {};
  }
}
