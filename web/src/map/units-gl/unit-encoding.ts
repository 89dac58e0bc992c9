import { FORCES, UNIT_STATUSES, type Unit } from '@lianfang/shared';

/**
 * How one unit is laid out in the GPU buffer (16 bytes a vertex, one ArrayBuffer seen
 * as Float32 and as Uint8):
 *   float32[0..1] mercator x, y relative to the layer's origin (float32 keeps ~1 cm there;
 *                 absolute mercator in float32 would jitter by metres at street zoom)
 *   float32[2]    heading in radians clockwise from north, NO_HEADING when unknown
 *   uint8[12]     force index (FORCES order: colour and shape)
 *   uint8[13]     status index (UNIT_STATUSES order: ring colour, drawing order)
 *   uint8[14]     flags (FLAG_*)
 *   uint8[15]     unused (keeps the vertex 4-byte aligned)
 */
export const VERTEX_BYTES = 16;
export const FLOATS_PER_VERTEX = VERTEX_BYTES / 4;
export const STYLE_BYTE_OFFSET = 12;
export const NO_HEADING = -10;

export const FLAG_STALE = 1;
export const FLAG_SELECTED = 2;
/** no fix yet, or a freed slot: not drawn, not pickable */
export const FLAG_HIDDEN = 4;

export const FORCE_INDEX: Readonly<Record<Unit['force'], number>> = Object.fromEntries(FORCES.map((f, i) => [f, i])) as Record<Unit['force'], number>;
export const STATUS_INDEX: Readonly<Record<Unit['status'], number>> = Object.fromEntries(UNIT_STATUSES.map((s, i) => [s, i])) as Record<Unit['status'], number>;

/** Web Mercator in MapLibre's world units: (0,0) top left, (1,1) bottom right. */
export function mercatorX(lon: number): number {
  return (180 + lon) / 360;
}

export function mercatorY(lat: number): number {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  return (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))) / 360;
}

export function unitFlags(unit: Unit, stale: boolean, selected: boolean): number {
  if (!unit.position) return FLAG_HIDDEN;
  return (stale ? FLAG_STALE : 0) | (selected ? FLAG_SELECTED : 0);
}

export function headingRadians(heading: number | null | undefined): number {
  return heading === null || heading === undefined || !Number.isFinite(heading) ? NO_HEADING : (heading * Math.PI) / 180;
}

/**
 * Writes one unit into its slot. `origin` is the mercator point the floats are relative to.
 * Returns nothing; the caller marks the slot dirty.
 */
export function encodeUnit(f32: Float32Array, u8: Uint8Array, slot: number, unit: Unit, flags: number, origin: readonly [number, number]): void {
  const f = slot * FLOATS_PER_VERTEX;
  const p = unit.position;
  f32[f] = p ? mercatorX(p.lon) - origin[0] : 0;
  f32[f + 1] = p ? mercatorY(p.lat) - origin[1] : 0;
  f32[f + 2] = headingRadians(p?.heading);
  const b = slot * VERTEX_BYTES + STYLE_BYTE_OFFSET;
  u8[b] = FORCE_INDEX[unit.force];
  u8[b + 1] = STATUS_INDEX[unit.status];
  u8[b + 2] = flags;
}

/** Changes only the flags byte of a slot (staleness, selection, freeing). */
export function writeFlags(u8: Uint8Array, slot: number, flags: number): void {
  u8[slot * VERTEX_BYTES + STYLE_BYTE_OFFSET + 2] = flags;
}

export function readFlags(u8: Uint8Array, slot: number): number {
  return u8[slot * VERTEX_BYTES + STYLE_BYTE_OFFSET + 2]!;
}
