import { FLAG_HIDDEN, FLOATS_PER_VERTEX, readFlags } from './unit-encoding';

/**
 * Click-to-select for the GPU layer (MapLibre's queryRenderedFeatures does not see custom layers).
 * The wall's map never tilts or rotates (MapView turns both off), so screen distance is mercator
 * distance times the world's size in CSS pixels: 512 · 2^zoom.
 */
export function worldSizePx(zoom: number): number {
  return 512 * 2 ** zoom;
}

export interface PickInput {
  f32: Float32Array;
  u8: Uint8Array;
  /** slots to look at: 0..count-1 */
  count: number;
  /** the click in mercator, relative to the same origin as the buffer */
  x: number;
  y: number;
  zoom: number;
  /** how far from a unit's centre a click still hits it, CSS px */
  radiusPx: number;
}

/** The slot of the visible unit nearest to the click within radiusPx, or -1. */
export function pickNearest(input: PickInput): number {
  const scale = worldSizePx(input.zoom);
  let best = -1;
  let bestD2 = input.radiusPx * input.radiusPx;
  for (let slot = 0; slot < input.count; slot++) {
    if (readFlags(input.u8, slot) & FLAG_HIDDEN) continue;
    const dx = (input.f32[slot * FLOATS_PER_VERTEX]! - input.x) * scale;
    const dy = (input.f32[slot * FLOATS_PER_VERTEX + 1]! - input.y) * scale;
    const d2 = dx * dx + dy * dy;
    // `<=`: of two units on the same spot the later slot wins (a stable choice; a second click picks the same one).
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = slot;
    }
  }
  return best;
}
