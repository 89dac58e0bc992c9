import type { Map as MaplibreMap } from 'maplibre-gl';
import { ref, type Ref } from 'vue';

/**
 * The map's WebGL context as the rest of the page must see it.
 * - `ok`: the style is loaded on a live context; layers may call the map.
 * - `lost`: the GPU reset, the driver updated or the browser took the context back. MapLibre 5
 *   has destroyed its style (every `getSource`/`getLayer`/`hasImage` throws until it is back) and
 *   removed our custom layer; nothing is drawn.
 * - `restoring`: the browser gave a context back and MapLibre is loading the style it kept at the
 *   loss; the next `style.load` makes it `ok`, and the layers then re-add and re-send what changed.
 */
export type GlContextState = 'ok' | 'lost' | 'restoring';

export interface GlContextHealth {
  state: Ref<GlContextState>;
  /** when the context was last lost (this page's clock), null while it never was */
  lostAt: Ref<number | null>;
  /** how many times the context was lost on this page (a wall that loses it every hour has a driver problem) */
  losses: Ref<number>;
}

export function createGlContextHealth(): GlContextHealth {
  return { state: ref('ok'), lostAt: ref(null), losses: ref(0) };
}

/** Follows MapLibre's own context events (it listens to the canvas and prevents the default, so a restore can come). */
export function followGlContext(map: MaplibreMap, health: GlContextHealth): void {
  map.on('webglcontextlost', () => {
    health.state.value = 'lost';
    health.lostAt.value = Date.now();
    health.losses.value += 1;
  });
  map.on('webglcontextrestored', () => {
    health.state.value = 'restoring';
  });
}

/** Called on every `style.load` before the layers hear of it: a reloaded style after a restore means the map is whole again. */
export function styleLoaded(health: GlContextHealth): void {
  if (health.state.value === 'restoring') health.state.value = 'ok';
}
