import type { Unit } from '@lianfang/shared';
import type { CustomLayerInterface, CustomRenderMethodInput, Map as MaplibreMap } from 'maplibre-gl';
import { matrixWithOrigin } from './gl-program';
import {
  encodeUnit,
  FLAG_HIDDEN,
  FLAG_SELECTED,
  FLOATS_PER_VERTEX,
  mercatorX,
  mercatorY,
  readFlags,
  STYLE_BYTE_OFFSET,
  unitFlags,
  VERTEX_BYTES,
  writeFlags,
} from './unit-encoding';
import { palette, unitRadiusPx } from './unit-look';
import { pickNearest } from './unit-picking';
import { staleJudge } from './stale-check';
import { createUnitGlObjects, deleteUnitGlObjects, type GL, type UnitGlObjects } from './unit-gl-objects';
import { UnitSlots } from './unit-slots';

/**
 * Units on the map as one MapLibre custom layer: one point sprite per unit, fed from a
 * preallocated typed array indexed by a stable slot per unit. A position batch rewrites the
 * moved units' 16 bytes; the next frame uploads the dirty range with one bufferSubData.
 * No GeoJSON, no worker round trip, no re-tiling: the cost of a batch is the loop over it.
 *
 * The typed arrays are the truth, the GPU holds a copy: when the WebGL context is lost the layer
 * drops its GL objects (`contextLost`), keeps taking batches into the arrays, and on the next
 * `onAdd` or frame on a live context builds new objects and uploads everything (`grown`).
 */
export class UnitsGlLayer implements CustomLayerInterface {
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private readonly slots = new UnitSlots();
  /** the Unit object last written to each slot: a batch re-encodes only units whose object changed */
  private readonly written: (Unit | null)[] = [];
  private data = new ArrayBuffer(0);
  private f32 = new Float32Array(0);
  private u8 = new Uint8Array(0);
  private dirtyFrom = Number.POSITIVE_INFINITY;
  private dirtyTo = -1;
  /** grown past the GPU buffer: the next frame re-creates it whole */
  private grown = true;
  private origin: [number, number] | null = null;
  private selectedId: string | null = null;
  private lastMap: ReadonlyMap<string, Unit> | null = null;
  private visible = true;
  private map: MaplibreMap | null = null;
  private gl: UnitGlObjects | null = null;
  /** GL object sets built so far: 1, plus one per context that came back (the probe reports it) */
  private builds = 0;
  /** the style layer drawn just above this one when it was last removed: a re-add after a restore goes back there */
  private above: string | null = null;
  private readonly matrix = new Float32Array(16);
  private readonly colours = palette();

  private lastRepaintAt = 0;
  private pendingRepaint: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param minRepaintMs at most one frame per this many ms for position changes (0 = every batch). Without a
   *   GPU a frame costs hundreds of ms (render-capability.ts): moving units then redraw once a second, not 4×.
   */
  constructor(
    readonly id: string,
    private readonly uiScale: () => number,
    private readonly minRepaintMs = 0,
  ) {}

  /** Brings the buffer up to date with the store's units: only changed Unit objects are re-encoded. */
  sync(units: ReadonlyMap<string, Unit>, now: number): void {
    // The store only adds units, except when a snapshot replaces its whole map: then drop the missing.
    if (units !== this.lastMap) this.dropMissing(units);
    this.lastMap = units;
    const stale = staleJudge(now);
    for (const unit of units.values()) {
      const slot = this.slots.acquire(unit.id);
      if (this.written[slot] === unit) continue;
      if (!this.origin && unit.position) this.origin = [mercatorX(unit.position.lon), mercatorY(unit.position.lat)];
      this.ensureCapacity(slot + 1);
      encodeUnit(this.f32, this.u8, slot, unit, unitFlags(unit, stale(unit), unit.id === this.selectedId), this.origin ?? [0, 0]);
      this.written[slot] = unit;
      this.markDirty(slot);
    }
    this.repaint();
  }

  /** Re-judges who is stale (every few seconds): flips only the flags that changed. */
  refreshStale(now: number): void {
    const stale = staleJudge(now);
    for (const [, slot] of this.slots.entries()) {
      const unit = this.written[slot];
      if (!unit) continue;
      const flags = readFlags(this.u8, slot);
      const next = unitFlags(unit, stale(unit), (flags & FLAG_SELECTED) !== 0);
      if (next !== flags) {
        writeFlags(this.u8, slot, next);
        this.markDirty(slot);
      }
    }
    this.repaint();
  }

  select(id: string | null): void {
    for (const target of [this.selectedId, id]) {
      const slot = target ? this.slots.slotOf(target) : undefined;
      if (slot === undefined) continue;
      const flags = readFlags(this.u8, slot);
      writeFlags(this.u8, slot, target === id ? flags | FLAG_SELECTED : flags & ~FLAG_SELECTED);
      this.markDirty(slot);
    }
    this.selectedId = id;
    // An operator's click answers at once, whatever the throttle.
    this.map?.triggerRepaint();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.map?.triggerRepaint();
  }

  /** The unit under a click (CSS px in the map's canvas), or null: nearest within a finger's width of its marker. */
  pick(point: { x: number; y: number }): string | null {
    if (!this.map || !this.origin || !this.visible) return null;
    const at = this.map.unproject([point.x, point.y]);
    const zoom = this.map.getZoom();
    const slot = pickNearest({
      f32: this.f32,
      u8: this.u8,
      count: this.slots.size,
      zoom,
      x: mercatorX(at.lng) - this.origin[0],
      y: mercatorY(at.lat) - this.origin[1],
      radiusPx: unitRadiusPx(zoom, this.uiScale()) + 8,
    });
    return slot < 0 ? null : this.slots.idAt(slot);
  }

  /** Units drawn now (for labels and tests): the last Unit written per visible slot. */
  *drawnUnits(): IterableIterator<Unit> {
    for (const [, slot] of this.slots.entries()) {
      const unit = this.written[slot];
      if (unit && !(readFlags(this.u8, slot) & FLAG_HIDDEN)) yield unit;
    }
  }

  /** What the GPU was given for this unit (tests and the bench look through this). */
  encoded(id: string): { mercatorX: number; mercatorY: number; flags: number; force: number; status: number } | null {
    const slot = this.slots.slotOf(id);
    if (slot === undefined || !this.origin) return null;
    const b = slot * VERTEX_BYTES + STYLE_BYTE_OFFSET;
    return {
      mercatorX: this.f32[slot * FLOATS_PER_VERTEX]! + this.origin[0],
      mercatorY: this.f32[slot * FLOATS_PER_VERTEX + 1]! + this.origin[1],
      force: this.u8[b]!,
      status: this.u8[b + 1]!,
      flags: this.u8[b + 2]!,
    };
  }

  /** How many GL object sets this layer has built (tests: a restored context must have made a new one). */
  get glBuilds(): number {
    return this.builds;
  }

  /** Where to add this layer so it is drawn where it was before it was removed (undefined: on top). */
  beforeIdIn(map: MaplibreMap): string | undefined {
    return this.above && map.getLayer(this.above) ? this.above : undefined;
  }

  onAdd(map: MaplibreMap, gl: GL): void {
    this.map = map;
    // Old objects (if any) came from a context that is gone: never bind them on this one.
    this.gl = null;
    this.build(gl);
  }

  onRemove(map: MaplibreMap, gl: GL): void {
    if (this.pendingRepaint !== null) clearTimeout(this.pendingRepaint);
    this.pendingRepaint = null;
    // MapLibre 5 removes custom layers when it loses the context (its style still lists them then).
    const order = map.style ? map.getLayersOrder() : [];
    this.above = order[order.indexOf(this.id) + 1] ?? null;
    if (this.gl) deleteUnitGlObjects(gl, this.gl);
    this.gl = null;
    this.map = null;
  }

  /**
   * The WebGL context is gone: its buffer and program are dead handles. Forget them; the CPU-side
   * slots keep every unit, colour, flag and the selection, and batches keep landing there. The
   * next context gets new objects and one full upload (onAdd, or the first frame on a live context).
   */
  contextLost(): void {
    this.gl = null;
    this.grown = true;
  }

  render(gl: GL, args: CustomRenderMethodInput): void {
    const count = this.slots.size;
    if (!this.visible || count === 0 || !this.origin || !this.map || gl.isContextLost()) return;
    const s = this.gl ?? this.build(gl);
    gl.bindBuffer(gl.ARRAY_BUFFER, s.buffer);
    this.upload(gl, s);
    gl.useProgram(s.program);

    const dpr = this.map.getPixelRatio();
    const radius = unitRadiusPx(this.map.getZoom(), this.uiScale()) * dpr;
    const ring = Math.max(2 * dpr, radius * 0.24);
    // Sprites as tight as the drawing: on a GPU-less wall PC every pixel is shaded on the CPU.
    // Room for the heading pointer (1.5 r); the selected unit also gets its halo (ring + 4 px).
    const size = 2 * radius * 1.5 + 2;
    const selectedSize = 2 * Math.max(radius * 1.5, radius + ring + 4 * dpr) + 2;
    gl.uniformMatrix4fv(s.u.matrix, false, matrixWithOrigin(args.defaultProjectionData.mainMatrix, this.origin, this.matrix));
    gl.uniform1f(s.u.radius, radius);
    gl.uniform1f(s.u.ring, ring);
    gl.uniform1f(s.u.bearing, (this.map.getBearing() * Math.PI) / 180);
    gl.uniform3fv(s.u.force, this.colours.force);
    gl.uniform1fv(s.u.shape, this.colours.shape);
    gl.uniform3fv(s.u.status, this.colours.status);
    gl.uniform3fv(s.u.stale, this.colours.stale);
    gl.uniform3fv(s.u.staleRing, this.colours.staleRing);

    gl.enableVertexAttribArray(s.aPos);
    gl.vertexAttribPointer(s.aPos, 3, gl.FLOAT, false, VERTEX_BYTES, 0);
    gl.enableVertexAttribArray(s.aStyle);
    gl.vertexAttribPointer(s.aStyle, 3, gl.UNSIGNED_BYTE, false, VERTEX_BYTES, STYLE_BYTE_OFFSET);
    // Four passes over the same buffer give the drawing order without sorting:
    // stale below, then free units, then busy ones, the selected unit on top.
    for (let pass = 0; pass < 4; pass++) {
      gl.uniform1f(s.u.pass, pass);
      gl.uniform1f(s.u.size, pass === 3 ? selectedSize : size);
      gl.drawArrays(gl.POINTS, 0, count);
    }
    gl.disableVertexAttribArray(s.aPos);
    gl.disableVertexAttribArray(s.aStyle);
  }

  private build(gl: GL): UnitGlObjects {
    this.gl = createUnitGlObjects(gl);
    this.builds += 1;
    // A new buffer is empty: everything goes up in the next frame, whatever was dirty before.
    this.grown = true;
    return this.gl;
  }

  /** The dirty range (or everything, after growth) to the GPU: one call per frame. */
  private upload(gl: GL, s: UnitGlObjects): void {
    if (this.grown || s.capacity * VERTEX_BYTES < this.data.byteLength) {
      gl.bufferData(gl.ARRAY_BUFFER, this.u8, gl.DYNAMIC_DRAW);
      s.capacity = this.data.byteLength / VERTEX_BYTES;
      this.grown = false;
    } else if (this.dirtyTo >= this.dirtyFrom) {
      gl.bufferSubData(gl.ARRAY_BUFFER, this.dirtyFrom * VERTEX_BYTES, this.u8.subarray(this.dirtyFrom * VERTEX_BYTES, (this.dirtyTo + 1) * VERTEX_BYTES));
    }
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    this.dirtyTo = -1;
  }

  private markDirty(slot: number): void {
    if (slot < this.dirtyFrom) this.dirtyFrom = slot;
    if (slot > this.dirtyTo) this.dirtyTo = slot;
  }

  private repaint(): void {
    // Hidden (layer toggled off): the buffer stays current, but no frame is drawn for it.
    if (!this.visible || !this.map || (this.dirtyTo < 0 && !this.grown) || this.pendingRepaint !== null) return;
    const wait = this.minRepaintMs - (Date.now() - this.lastRepaintAt);
    const fire = () => {
      this.pendingRepaint = null;
      this.lastRepaintAt = Date.now();
      this.map?.triggerRepaint();
    };
    if (wait <= 0) fire();
    else this.pendingRepaint = setTimeout(fire, wait);
  }

  private ensureCapacity(vertices: number): void {
    if (vertices * VERTEX_BYTES <= this.data.byteLength) return;
    // Doubling: a growing fleet reallocates a handful of times, never per batch.
    const next = new ArrayBuffer(Math.max(256, vertices * 2) * VERTEX_BYTES);
    new Uint8Array(next).set(this.u8);
    this.data = next;
    this.f32 = new Float32Array(next);
    this.u8 = new Uint8Array(next);
    this.grown = true;
  }

  private dropMissing(units: ReadonlyMap<string, Unit>): void {
    for (const [id] of [...this.slots.entries()]) {
      if (units.has(id)) continue;
      const slot = this.slots.release(id)!;
      writeFlags(this.u8, slot, FLAG_HIDDEN);
      this.written[slot] = null;
      this.markDirty(slot);
    }
  }
}
