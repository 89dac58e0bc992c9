import { describe, expect, it } from 'vitest';
import {
  FLAG_HIDDEN,
  FLAG_SELECTED,
  FLAG_STALE,
  FLOATS_PER_VERTEX,
  FORCE_INDEX,
  NO_HEADING,
  STATUS_INDEX,
  STYLE_BYTE_OFFSET,
  VERTEX_BYTES,
  encodeUnit,
  headingRadians,
  mercatorX,
  mercatorY,
  readFlags,
  unitFlags,
  writeFlags,
} from '../../src/map/units-gl/unit-encoding';
import { matrixWithOrigin } from '../../src/map/units-gl/gl-program';
import { LABEL_MIN_ZOOM, unitLabelFeatures } from '../../src/map/units-gl/unit-label-features';
import { FORCE_SHAPES, isStale } from '../../src/features/units/unit-appearance';
import { staleJudge } from '../../src/map/units-gl/stale-check';
import { hexToRgb, palette, unitRadiusPx } from '../../src/map/units-gl/unit-look';
import { pickNearest, worldSizePx } from '../../src/map/units-gl/unit-picking';
import { UnitSlots } from '../../src/map/units-gl/unit-slots';
import { position, unit } from '../support/fixtures';

function buffers(n: number) {
  const data = new ArrayBuffer(n * VERTEX_BYTES);
  return { f32: new Float32Array(data), u8: new Uint8Array(data) };
}

describe('unit slots', () => {
  it('gives each id one stable slot, reuses the lowest freed slot first, and counts live ids', () => {
    const slots = new UnitSlots();
    expect(['a', 'b', 'c', 'd'].map((id) => slots.acquire(id))).toEqual([0, 1, 2, 3]);
    expect(slots.acquire('b')).toBe(1);
    expect(slots.release('c')).toBe(2);
    expect(slots.release('a')).toBe(0);
    expect(slots.release('zz')).toBeUndefined();
    expect(slots.liveCount).toBe(2);
    expect(slots.acquire('e')).toBe(0);
    expect(slots.acquire('f')).toBe(2);
    expect(slots.acquire('g')).toBe(4);
    expect(slots.size).toBe(5);
    expect(slots.idAt(2)).toBe('f');
    expect([...slots.entries()]).toEqual([
      ['e', 0],
      ['b', 1],
      ['f', 2],
      ['d', 3],
      ['g', 4],
    ]);
  });
});

describe('unit encoding', () => {
  it('projects to Web Mercator as MapLibre does (0..1, y down)', () => {
    expect(mercatorX(-180)).toBe(0);
    expect(mercatorX(0)).toBe(0.5);
    expect(mercatorY(0)).toBeCloseTo(0.5, 12);
    // MapLibre's mercatorYfromLat(30.26)
    expect(mercatorY(30.26)).toBeCloseTo(0.41174, 5);
    expect(mercatorY(89)).toBeCloseTo(0, 5);
  });

  it('writes position relative to the origin, heading, force, status and flags into the unit slot', () => {
    const { f32, u8 } = buffers(3);
    const u = unit({ id: 'x', force: 'medical', status: 'on_scene', position: position({ unitId: 'x', lon: 120.2, lat: 30.3, heading: 90 }) });
    const origin: [number, number] = [mercatorX(120.17), mercatorY(30.26)];
    encodeUnit(f32, u8, 2, u, FLAG_STALE | FLAG_SELECTED, origin);
    const f = 2 * FLOATS_PER_VERTEX;
    expect(f32[f]! + origin[0]).toBeCloseTo(mercatorX(120.2), 9);
    expect(f32[f + 1]! + origin[1]).toBeCloseTo(mercatorY(30.3), 9);
    expect(f32[f + 2]).toBeCloseTo(Math.PI / 2, 6);
    const b = 2 * VERTEX_BYTES + STYLE_BYTE_OFFSET;
    expect([u8[b], u8[b + 1], u8[b + 2]]).toEqual([FORCE_INDEX.medical, STATUS_INDEX.on_scene, FLAG_STALE | FLAG_SELECTED]);
    expect(FORCE_INDEX.police).toBe(0);
    expect(STATUS_INDEX.on_scene).toBe(3);
    // slot 0 and 1 untouched
    expect([...u8.subarray(0, 2 * VERTEX_BYTES)].every((v) => v === 0)).toBe(true);
  });

  it('keeps offsets from the origin exact enough for street zoom (float32 error < 0.1 px at z18)', () => {
    const { f32, u8 } = buffers(1);
    const origin: [number, number] = [mercatorX(120.17), mercatorY(30.26)];
    const u = unit({ position: position({ lon: 120.2137, lat: 30.2891 }) });
    encodeUnit(f32, u8, 0, u, 0, origin);
    const errorPx = Math.abs(f32[0]! + origin[0] - mercatorX(120.2137)) * worldSizePx(18);
    expect(errorPx).toBeLessThan(0.1);
  });

  it('flags: hidden without a fix, stale and selected bits otherwise; unknown heading is marked', () => {
    expect(unitFlags(unit({ position: null }), true, true)).toBe(FLAG_HIDDEN);
    expect(unitFlags(unit({ position: position() }), false, false)).toBe(0);
    expect(unitFlags(unit({ position: position() }), true, false)).toBe(FLAG_STALE);
    expect(unitFlags(unit({ position: position() }), false, true)).toBe(FLAG_SELECTED);
    expect(headingRadians(null)).toBe(NO_HEADING);
    expect(headingRadians(180)).toBeCloseTo(Math.PI);
    const { u8 } = buffers(2);
    writeFlags(u8, 1, FLAG_SELECTED);
    expect(readFlags(u8, 1)).toBe(FLAG_SELECTED);
    expect(readFlags(u8, 0)).toBe(0);
  });
});

describe('unit look', () => {
  it('gives every force its own shape and colour, and grows markers with zoom and the wall scale', () => {
    expect(new Set(Object.values(FORCE_SHAPES)).size).toBe(7);
    const p = palette();
    expect(p.force).toHaveLength(21);
    // One ring colour per status, in UNIT_STATUSES order (the shader's u_status[7]).
    expect(p.status).toHaveLength(21);
    const colours = new Set(Array.from({ length: 7 }, (_, i) => [...p.force.subarray(i * 3, i * 3 + 3)].join()));
    expect(colours.size).toBe(7);
    expect(hexToRgb('#ff0080')).toEqual([1, 0, 128 / 255]);
    expect(unitRadiusPx(8, 1)).toBe(7);
    expect(unitRadiusPx(12, 1)).toBeCloseTo(8.5);
    expect(unitRadiusPx(20, 1)).toBe(12);
    expect(unitRadiusPx(12, 2)).toBeCloseTo(17);
  });
});

describe('picking', () => {
  // Three units on a line, 10 CSS px apart at zoom 15; the third is hidden.
  const zoom = 15;
  const step = 10 / worldSizePx(zoom);
  const { f32, u8 } = buffers(3);
  for (let i = 0; i < 3; i++) f32[i * FLOATS_PER_VERTEX] = i * step;
  writeFlags(u8, 2, FLAG_HIDDEN);
  const input = { f32, u8, count: 3, y: 0, zoom, radiusPx: 8 };

  it('returns the nearest visible unit within the radius', () => {
    expect(pickNearest({ ...input, x: 0.2 * step })).toBe(0);
    expect(pickNearest({ ...input, x: 0.7 * step })).toBe(1);
  });

  it('ignores hidden units and clicks farther than the radius', () => {
    expect(pickNearest({ ...input, x: 1.7 * step })).toBe(1); // 7 px from unit 1, 3 px from hidden unit 2
    expect(pickNearest({ ...input, x: 1.7 * step, radiusPx: 6 })).toBe(-1);
    expect(pickNearest({ ...input, x: -0.9 * step })).toBe(-1);
    expect(pickNearest({ ...input, x: 0, y: 0.9 * step })).toBe(-1);
  });
});

describe('origin matrix', () => {
  it('folds a translation into the map matrix so relative vertices land where absolute ones would', () => {
    const m = [2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1, 0, -1, -1.5, 0, 1];
    const out = matrixWithOrigin(m, [0.25, 0.5], new Float32Array(16));
    // absolute (0.3, 0.6) through m == relative (0.05, 0.1) through out
    const abs = [m[0]! * 0.3 + m[12]!, m[5]! * 0.6 + m[13]!];
    const rel = [out[0]! * 0.05 + out[12]!, out[5]! * 0.1 + out[13]!];
    expect(rel[0]).toBeCloseTo(abs[0]!, 6);
    expect(rel[1]).toBeCloseTo(abs[1]!, 6);
  });
});

describe('unit labels', () => {
  const now = Date.parse('2025-01-01T08:00:30Z');
  const box = { west: 120, south: 30, east: 120.3, north: 30.3 };
  const inside = (id: string, over = {}) => unit({ id, callsign: id, position: position({ unitId: id, lon: 120.1, lat: 30.1 }), ...over });

  it('labels only units in view, at street zoom, stale ones in their own look', () => {
    const old = inside('old', { position: position({ unitId: 'old', lon: 120.1, lat: 30.1, serverTime: '2025-01-01T07:00:00.000Z' }) });
    const out = unit({ id: 'far', position: position({ unitId: 'far', lon: 121, lat: 30.1 }) });
    const fc = unitLabelFeatures([inside('a', { status: 'en_route' }), old, out, unit({ id: 'none' })], box, LABEL_MIN_ZOOM, now);
    expect(fc.features.map((f) => f.properties.label)).toEqual(['lbl|unit|a', 'lbl|unit-stale|old']);
    expect(fc.features.map((f) => f.properties.rank)).toEqual([2, 0]);
    expect(unitLabelFeatures([inside('a')], box, LABEL_MIN_ZOOM - 0.5, now).features).toHaveLength(0);
  });

  it('gives no labels at all when too many units are in view', () => {
    const many = Array.from({ length: 4 }, (_, i) => inside(`u${i}`));
    expect(unitLabelFeatures(many, box, 15, now, 4).features).toHaveLength(4);
    expect(unitLabelFeatures(many, box, 15, now, 3).features).toHaveLength(0);
  });
});

describe('batch staleness judge', () => {
  const now = Date.parse('2025-01-01T08:05:00.000Z');
  const judge = staleJudge(now);
  const cases: [string, Partial<Parameters<typeof position>[0]>][] = [
    ['fresh', { serverTime: '2025-01-01T08:04:30.000Z', deviceTime: '2025-01-01T08:04:29.000Z' }],
    ['just over 2 min', { serverTime: '2025-01-01T08:02:59.999Z', deviceTime: '2025-01-01T08:02:59.999Z' }],
    ['late backlog: old device time', { serverTime: '2025-01-01T08:04:59.000Z', deviceTime: '2025-01-01T07:50:00.000Z' }],
    ['skewed clock: server time counts', { serverTime: '2025-01-01T08:04:59.000Z', deviceTime: '2019-01-01T00:00:00.000Z', flags: ['clock_skew'] }],
    ['device ahead of server', { serverTime: '2025-01-01T08:01:00.000Z', deviceTime: '2025-01-01T09:00:00.000Z' }],
    ['other ISO shape', { serverTime: '2025-01-01T08:04:30Z', deviceTime: '2025-01-01T09:04:30+01:00' }],
  ];
  it.each(cases)('agrees with isStale: %s', (_name, over) => {
    const u = unit({ position: position(over) });
    expect(judge(u)).toBe(isStale(u, now));
  });
  it('calls a unit without a fix stale', () => {
    expect(judge(unit({ position: null }))).toBe(true);
  });
});
