import type { CustomRenderMethodInput, Map as MaplibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Unit } from '@lianfang/shared';
import { FLAG_HIDDEN, FLAG_SELECTED, FLAG_STALE, FORCE_INDEX, STATUS_INDEX, mercatorX, mercatorY } from '../../src/map/units-gl/unit-encoding';
import { worldSizePx } from '../../src/map/units-gl/unit-picking';
import { UnitsGlLayer } from '../../src/map/units-gl/units-gl-layer';
import { position, unit } from '../support/fixtures';

/**
 * The layer's bookkeeping without a GL context: what it would hand the GPU, picking, and how
 * often it asks for a frame. The map is a stand-in with the few calls the layer makes outside
 * render (MapLibre's own drawing is covered by the Chromium e2e and the bench).
 */
function fakeMap(zoom = 15) {
  const calls = { repaint: 0 };
  // Screen (0,0) is mercator (0.8, 0.4); one CSS px is 1 / worldSize in mercator (no rotation, no tilt).
  const scale = worldSizePx(zoom);
  const toLngLat = (mx: number, my: number) => ({ lng: mx * 360 - 180, lat: (360 / Math.PI) * Math.atan(Math.exp(((180 - my * 360) * Math.PI) / 180)) - 90 });
  const map = {
    triggerRepaint: () => (calls.repaint += 1),
    getZoom: () => zoom,
    unproject: ([x, y]: [number, number]) => toLngLat(0.8 + x / scale, 0.4 + y / scale),
  };
  return { map: map as unknown as MaplibreMap, calls, scale };
}

const at = (lon: number, lat: number, serverTime = new Date().toISOString()) => position({ lon, lat, serverTime, deviceTime: serverTime });
const units = (...list: Unit[]) => new Map(list.map((u) => [u.id, u]));

describe('units GPU layer (bookkeeping)', () => {
  afterEach(() => vi.useRealTimers());

  it('encodes every unit with a fix, re-encodes only changed objects, and hides units without a fix', () => {
    const layer = new UnitsGlLayer('u', () => 1);
    const a = unit({ id: 'a', force: 'fire', status: 'en_route', position: at(120.17, 30.26) });
    const b = unit({ id: 'b', position: null });
    const byId = units(a, b);
    layer.sync(byId, Date.now());
    expect(layer.encoded('a')).toMatchObject({ force: FORCE_INDEX.fire, status: STATUS_INDEX.en_route, flags: 0 });
    expect(layer.encoded('a')!.mercatorX).toBeCloseTo(mercatorX(120.17), 9);
    expect(layer.encoded('b')!.flags).toBe(FLAG_HIDDEN);
    expect([...layer.drawnUnits()].map((u) => u.id)).toEqual(['a']);
    // The store replaces the object of a moved unit and triggers the same Map.
    byId.set('a', { ...a, position: at(120.18, 30.27) });
    byId.set('b', { ...b, position: at(120.2, 30.2) });
    layer.sync(byId, Date.now());
    expect(layer.encoded('a')!.mercatorY).toBeCloseTo(mercatorY(30.27), 9);
    expect(layer.encoded('b')!.flags).toBe(0);
  });

  it('drops units missing from a replaced map (snapshot) and reuses their slot', () => {
    const layer = new UnitsGlLayer('u', () => 1);
    layer.sync(units(unit({ id: 'a', position: at(120, 30) }), unit({ id: 'b', position: at(120, 30) })), Date.now());
    layer.sync(units(unit({ id: 'b', position: at(120, 30) })), Date.now());
    expect(layer.encoded('a')).toBeNull();
    expect([...layer.drawnUnits()].map((u) => u.id)).toEqual(['b']);
    layer.sync(units(unit({ id: 'b', position: at(120, 30) }), unit({ id: 'c', position: at(121, 31) })), Date.now());
    expect([...layer.drawnUnits()].map((u) => u.id)).toEqual(['c', 'b']);
  });

  it('greys units that stop reporting, and selects one unit at a time', () => {
    const layer = new UnitsGlLayer('u', () => 1);
    const t0 = Date.parse('2025-01-01T08:00:00Z');
    layer.sync(
      units(unit({ id: 'a', position: at(120, 30, '2025-01-01T08:00:00.000Z') }), unit({ id: 'b', position: at(120, 30, '2025-01-01T08:00:00.000Z') })),
      t0,
    );
    expect(layer.encoded('a')!.flags).toBe(0);
    layer.refreshStale(t0 + 3 * 60_000);
    expect(layer.encoded('a')!.flags).toBe(FLAG_STALE);
    layer.select('a');
    expect(layer.encoded('a')!.flags).toBe(FLAG_STALE | FLAG_SELECTED);
    layer.select('b');
    expect(layer.encoded('a')!.flags).toBe(FLAG_STALE);
    expect(layer.encoded('b')!.flags & FLAG_SELECTED).toBe(FLAG_SELECTED);
    layer.refreshStale(t0);
    expect(layer.encoded('b')!.flags).toBe(FLAG_SELECTED);
  });

  it('picks the unit under a click in screen pixels, and nothing when hidden or too far', () => {
    const { map, scale } = fakeMap(15);
    const layer = new UnitsGlLayer('u', () => 1);
    layer.onAdd(map, stubGl());
    const lngLat = (x: number, y: number) => map.unproject([x, y]);
    const u = (id: string, x: number, y: number) => unit({ id, position: at(lngLat(x, y).lng, lngLat(x, y).lat) });
    layer.sync(units(u('a', 100, 100), u('b', 140, 100)), Date.now());
    expect(scale).toBeGreaterThan(0);
    expect(layer.pick({ x: 104, y: 103 })).toBe('a');
    expect(layer.pick({ x: 133, y: 100 })).toBe('b');
    expect(layer.pick({ x: 120, y: 140 })).toBeNull();
    layer.setVisible(false);
    expect(layer.pick({ x: 100, y: 100 })).toBeNull();
  });

  it('without a GPU asks for at most one frame a second for moving units; a selection draws at once', () => {
    vi.useFakeTimers();
    const { map, calls } = fakeMap();
    const layer = new UnitsGlLayer('u', () => 1, 1000);
    layer.onAdd(map, stubGl());
    const move = (lon: number) => layer.sync(units(unit({ id: 'a', position: at(lon, 30) })), Date.now());
    move(120);
    expect(calls.repaint).toBe(1);
    move(120.001);
    move(120.002);
    expect(calls.repaint).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(calls.repaint).toBe(2);
    layer.select('a');
    expect(calls.repaint).toBe(3);
    layer.setVisible(false);
    const before = calls.repaint;
    vi.advanceTimersByTime(5000);
    move(120.003);
    vi.advanceTimersByTime(5000);
    expect(calls.repaint).toBe(before);
  });
});

/** Just enough of a WebGL context for onAdd (program and buffer handles); nothing is drawn here. */
function stubGl(): WebGLRenderingContext {
  return recordingGl().gl;
}

/**
 * A WebGL stand-in that records what the layer does with it: the handles it creates (each a new
 * object, as a real context's are), what it uploads, what it binds and draws, and whether it is lost.
 */
function recordingGl() {
  const log = {
    created: [] as object[],
    deleted: [] as object[],
    bound: [] as unknown[],
    uploads: [] as { whole: boolean; bytes: Uint8Array }[],
    draws: 0,
    lost: false,
  };
  const gl = new Proxy({} as WebGLRenderingContext, {
    get: (_t, name) => {
      if (name === 'getShaderParameter' || name === 'getProgramParameter') return () => true;
      if (name === 'getAttribLocation') return () => 0;
      if (name === 'isContextLost') return () => log.lost;
      if (name === 'createBuffer' || name === 'createProgram')
        return () => {
          const h = { kind: name };
          log.created.push(h);
          return h;
        };
      if (name === 'deleteBuffer' || name === 'deleteProgram') return (h: object) => log.deleted.push(h);
      if (name === 'bindBuffer') return (_target: number, h: unknown) => log.bound.push(h);
      if (name === 'bufferData') return (_target: number, data: Uint8Array) => log.uploads.push({ whole: true, bytes: data.slice() });
      if (name === 'bufferSubData') return (_target: number, _offset: number, data: Uint8Array) => log.uploads.push({ whole: false, bytes: data.slice() });
      if (name === 'drawArrays') return () => (log.draws += 1);
      if (typeof name === 'string' && name.toUpperCase() === name) return 0;
      return () => ({});
    },
  });
  return { gl, log };
}

/** A map stand-in good enough for render() too (camera, pixel ratio), with its style's layer order. */
function renderableMap(order: string[] = []) {
  const { map, calls } = fakeMap();
  Object.assign(map as unknown as Record<string, unknown>, {
    getPixelRatio: () => 1,
    getBearing: () => 0,
    style: {},
    getLayersOrder: () => order,
    getLayer: (id: string) => (order.includes(id) ? {} : undefined),
  });
  return { map, calls };
}
const frame = { defaultProjectionData: { mainMatrix: new Float32Array(16) } } as unknown as CustomRenderMethodInput;

describe('units GPU layer across a lost WebGL context', () => {
  it('drops its GL objects when the context is lost, takes batches meanwhile, and rebuilds and uploads them all on restore', () => {
    const { map } = renderableMap(['stations-name', 'u', 'units-label']);
    const { gl, log } = recordingGl();
    const layer = new UnitsGlLayer('u', () => 1);
    layer.onAdd(map, gl);
    const a = unit({ id: 'a', force: 'fire', position: at(120.17, 30.26) });
    const b = unit({ id: 'b', force: 'medical', position: at(120.18, 30.27) });
    layer.sync(units(a, b), Date.now());
    layer.select('b');
    layer.render(gl, frame);
    expect(layer.glBuilds).toBe(1);
    const firstObjects = [...log.created];
    expect(log.draws).toBeGreaterThan(0);

    // The GPU resets: MapLibre 5 removes the custom layer from its dying style, then tells the map.
    log.lost = true;
    layer.onRemove(map, gl);
    layer.contextLost();
    expect(log.deleted).toEqual([]);
    // A batch while lost: unit a moves. It lands in the typed arrays, nothing touches the GPU.
    const callsWhileLost = log.uploads.length + log.draws;
    const moved = new Map([
      ['a', { ...a, position: at(120.2, 30.3) }],
      ['b', b],
    ]);
    layer.sync(moved, Date.now());
    expect(layer.encoded('a')!.mercatorX).toBeCloseTo(mercatorX(120.2), 9);
    expect(log.uploads.length + log.draws).toBe(callsWhileLost);

    // Restored: the same context object, live again. Re-added where it was, it builds new objects.
    log.lost = false;
    expect(layer.beforeIdIn(map)).toBe('units-label');
    const bindsBefore = log.bound.length;
    layer.onAdd(map, gl);
    layer.render(gl, frame);
    expect(layer.glBuilds).toBe(2);
    const newObjects = log.created.slice(firstObjects.length);
    expect(newObjects).toHaveLength(2);
    // Only the new buffer is bound from now on; the first upload is the whole array, a's new position in it.
    const boundSince = log.bound.slice(bindsBefore);
    expect(boundSince.length).toBeGreaterThan(0);
    expect(boundSince.every((h) => h === null || newObjects.includes(h as object))).toBe(true);
    const upload = log.uploads.at(-1)!;
    expect(upload.whole).toBe(true);
    // Slot 0 is a; x is stored relative to the layer's origin, a's first fix: the GPU gets where a is now.
    expect(new Float32Array(upload.bytes.buffer, 0, 1)[0]).toBeCloseTo(mercatorX(120.2) - mercatorX(120.17), 9);
    // Colours, selection and picking are the same as before the loss.
    expect(layer.encoded('a')).toMatchObject({ force: FORCE_INDEX.fire, flags: 0 });
    expect(layer.encoded('b')).toMatchObject({ force: FORCE_INDEX.medical, flags: FLAG_SELECTED });
    expect(log.draws).toBeGreaterThan(0);
  });

  it('rebuilds on the first frame of a live context even when nobody re-adds it (a map that keeps custom layers)', () => {
    const { map } = renderableMap();
    const { gl, log } = recordingGl();
    const layer = new UnitsGlLayer('u', () => 1);
    layer.onAdd(map, gl);
    layer.sync(units(unit({ id: 'a', position: at(120, 30) })), Date.now());
    layer.render(gl, frame);
    layer.contextLost();
    log.lost = true;
    const draws = log.draws;
    layer.render(gl, frame);
    expect(log.draws).toBe(draws);
    expect(layer.glBuilds).toBe(1);
    log.lost = false;
    layer.render(gl, frame);
    expect(layer.glBuilds).toBe(2);
    expect(log.uploads.at(-1)!.whole).toBe(true);
    expect(log.draws).toBeGreaterThan(draws);
  });

  it('frees its objects when removed from a live map, and goes back on top when the layer it stood under is gone', () => {
    const { map } = renderableMap(['u']);
    const { gl, log } = recordingGl();
    const layer = new UnitsGlLayer('u', () => 1);
    layer.onAdd(map, gl);
    layer.onRemove(map, gl);
    expect(log.deleted).toHaveLength(2);
    expect(layer.beforeIdIn(map)).toBeUndefined();
  });
});
