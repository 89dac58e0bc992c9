import { FORCES, UNIT_STATUSES } from '@lianfang/shared';
import { FORCE_COLORS, STALE_COLOR, STATUS_COLORS } from '../../features/units/unit-appearance';

/**
 * Sizes and colours of the unit markers, in CSS px (the layer multiplies by the device pixel
 * ratio, and uiScale makes a 4K wall at ratio 1 draw them as big as a 1080p one).
 */

/** Body radius in CSS px at this zoom: readable across a room at the district overview (z12–13). */
export function unitRadiusPx(zoom: number, uiScale: number): number {
  const stops: [number, number][] = [[10, 7], [14, 10], [17, 12]];
  let r = stops[stops.length - 1]![1];
  if (zoom <= stops[0]![0]) r = stops[0]![1];
  else {
    for (let i = 1; i < stops.length; i++) {
      const [z1, r1] = stops[i]!;
      const [z0, r0] = stops[i - 1]!;
      if (zoom <= z1) {
        r = r0 + ((zoom - z0) / (z1 - z0)) * (r1 - r0);
        break;
      }
    }
  }
  return r * uiScale;
}

/**
 * Shape per force (the colour alone fails for colour-blind operators and on washed-out projectors).
 * Indices match the fragment shader: 0 circle, 1 square, 2 diamond, 3 triangle, 4 hexagon, 5 cross, 6 inverted triangle.
 */
export const FORCE_SHAPES: Readonly<Record<(typeof FORCES)[number], number>> = {
  police: 0, security: 1, merchant_guard: 2, volunteer: 3, fire: 6, medical: 5, city_mgmt: 4,
};
/** The same shapes as CSS clip-paths, for the legend. */
export const SHAPE_CLIP_PATHS = [
  'circle(50%)',
  'inset(8%)',
  'polygon(50% 0, 100% 50%, 50% 100%, 0 50%)',
  'polygon(50% 4%, 100% 92%, 0 92%)',
  'polygon(25% 4%, 75% 4%, 100% 50%, 75% 96%, 25% 96%, 0 50%)',
  'polygon(34% 0, 66% 0, 66% 34%, 100% 34%, 100% 66%, 66% 66%, 66% 100%, 34% 100%, 34% 66%, 0 66%, 0 34%, 34% 34%)',
  'polygon(0 8%, 100% 8%, 50% 96%)',
] as const;

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', '').slice(0, 6), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Uniform arrays for the shader: colour per force, ring colour per status, stale fill and ring. */
export function palette(): { force: Float32Array; shape: Float32Array; status: Float32Array; stale: Float32Array; staleRing: Float32Array } {
  return {
    force: new Float32Array(FORCES.flatMap((f) => hexToRgb(FORCE_COLORS[f]))),
    shape: new Float32Array(FORCES.map((f) => FORCE_SHAPES[f])),
    status: new Float32Array(UNIT_STATUSES.map((s) => hexToRgb(STATUS_COLORS[s])).flat()),
    stale: new Float32Array(hexToRgb(STALE_COLOR)),
    staleRing: new Float32Array(hexToRgb('#2a323d')),
  };
}
