import type { Map as MaplibreMap } from 'maplibre-gl';
import { inject, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import type { Bounds } from '../geojson/data-bounds';
import type { GlContextHealth } from './gl-context-health';

/** What MapView gives its layer and control children. */
export interface MapContext {
  map: ShallowRef<MaplibreMap | null>;
  ready: Ref<boolean>;
  /** bumps after a style switch: layers re-add their sources and layers */
  styleGeneration: Ref<number>;
  /** 1 at 1920 px wide, 2 on a 3840 px wall driven at device pixel ratio 1 */
  uiScale: Ref<number>;
  /** WebGL on the CPU: update less often, animate nothing (see render-capability.ts) */
  softwareRendering: boolean;
  /** the WebGL context: while not `ok`, leave the map alone and re-apply everything on the next `styleGeneration` */
  glContext: GlContextHealth;
  /** where the served basemap's extract lies (the road network's bounds); null without one */
  basemapBounds: Ref<Bounds | null>;
}

export const MAP_CONTEXT: InjectionKey<MapContext> = Symbol('lianfang-map');

export function useMapContext(): MapContext {
  const ctx = inject(MAP_CONTEXT, null);
  if (!ctx) throw new Error('map layers and controls must be children of <MapView>');
  return ctx;
}

/** The map when layers may call it (style loaded on a live context), else null: see gl-context-health.ts. */
export function usableMap(ctx: Pick<MapContext, 'map' | 'glContext'>): MaplibreMap | null {
  return ctx.glContext.state.value === 'ok' ? ctx.map.value : null;
}
