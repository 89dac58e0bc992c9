import { FORCES, UNIT_STATUSES } from '@lianfang/shared';
import { FORCE_COLORS, FORCE_SHAPES, STALE_COLOR, STATUS_COLORS } from '../../features/units/unit-appearance';

/**
 * Sizes and colours of the unit markers, in CSS px (the layer multiplies by the device pixel
 * ratio, and uiScale makes a 4K wall at ratio 1 draw them as big as a 1080p one).
 */

/** Body radius in CSS px at this zoom: readable across a room at the district overview (z12–13). */
export function unitRadiusPx(zoom: number, uiScale: number): number {
  const stops: [number, number][] = [
    [10, 7],
    [14, 10],
    [17, 12],
  ];
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
