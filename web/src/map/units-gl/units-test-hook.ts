import { MercatorCoordinate, type Map as MaplibreMap } from 'maplibre-gl';
import type { ShallowRef } from 'vue';
import type { UnitsGlLayer } from './units-gl-layer';

/** What browser tests (and a devtools session on a live wall) can ask the GPU units layer. */
export interface UnitsLayerProbe {
  /** units with a fix, drawn unless the layer is toggled off */
  drawnCount(): number;
  ids(): string[];
  /** where the layer draws this unit now, CSS px in the map canvas (from the bytes given to the GPU) */
  screenPosition(id: string): { x: number; y: number } | null;
  flags(id: string): number | null;
  /** GL object sets the layer has built: 1, plus one per WebGL context that came back */
  glBuilds(): number;
}

declare global {
  interface Window {
    lianfangUnits?: UnitsLayerProbe;
  }
}

export function exposeUnitsForTests(layer: UnitsGlLayer, map: ShallowRef<MaplibreMap | null>): () => void {
  const probe: UnitsLayerProbe = {
    drawnCount: () => [...layer.drawnUnits()].length,
    ids: () => [...layer.drawnUnits()].map((u) => u.id),
    screenPosition(id) {
      const e = layer.encoded(id);
      if (!e || !map.value) return null;
      const p = map.value.project(new MercatorCoordinate(e.mercatorX, e.mercatorY).toLngLat());
      return { x: p.x, y: p.y };
    },
    flags: (id) => layer.encoded(id)?.flags ?? null,
    glBuilds: () => layer.glBuilds,
  };
  window.lianfangUnits = probe;
  return () => {
    if (window.lianfangUnits === probe) delete window.lianfangUnits;
  };
}
