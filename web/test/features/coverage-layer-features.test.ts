import { describe, expect, it } from 'vitest';
import type { Coverage, PatrolPlan } from '@lianfang/shared';
import { cellArea, gridDisk, latLngToCell } from 'h3-js';
import { circleRing } from '../../src/map/geojson/circle-ring';
import { coverageFeatures } from '../../src/map/geojson/coverage-features';
import { gapFeatures } from '../../src/map/geojson/gap-features';
import { postFeatures } from '../../src/map/geojson/post-features';

function coverage(cells: [string, number][]): Coverage {
  return { version: 1, computedAt: '2025-01-01T08:00:00Z', resolution: 9, cells, share: { overall: { within5: 0.5, within15: 1 }, perGrid: [] }, gaps: [] };
}

/** Shoelace area in m² of a lon/lat ring near `lat` (equirectangular, fine at city scale). */
function ringAreaM2(ring: [number, number][], lat: number): number {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * kx * y2 * 111_320 - x2 * kx * y1 * 111_320;
  }
  return Math.abs(sum) / 2;
}

describe('coverage layer features', () => {
  it('puts each cell in its band by minutes to reach (5 minutes is still within the target)', () => {
    const a = latLngToCell(31.23, 121.47, 9);
    const b = latLngToCell(31.24, 121.48, 9);
    const c = latLngToCell(31.25, 121.49, 9);
    const fc = coverageFeatures(
      coverage([
        [a, 2.5],
        [b, 5],
        [c, 12.3],
      ]),
    );
    expect(fc.features.map((f) => [f.properties.band, f.properties.minutes])).toEqual([
      ['within5', 2.5],
      ['within5', 5],
      ['within15', 12.3],
    ]);
  });

  it('draws a cell as a closed hexagon around its own centre', () => {
    const cell = latLngToCell(31.23, 121.47, 9);
    const [f] = coverageFeatures(coverage([[cell, 1]])).features;
    expect(f!.geometry.type).toBe('Polygon');
    const ring = (f!.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    const lon = ring.slice(0, 6).reduce((s, p) => s + p[0], 0) / 6;
    const lat = ring.slice(0, 6).reduce((s, p) => s + p[1], 0) / 6;
    expect(lon).toBeCloseTo(121.47, 2);
    expect(lat).toBeCloseTo(31.23, 2);
  });

  it('draws nothing without coverage', () => {
    expect(coverageFeatures(null).features).toEqual([]);
  });

  it('draws the gap cells themselves, merged into one outline, and labels the clusters', () => {
    const centre = latLngToCell(31.2, 121.5, 9);
    const cells = gridDisk(centre, 1); // seven neighbouring hexagons: one shape
    const fc = gapFeatures(cells, [{ cellCount: 7, lat: 31.2, lon: 121.5, areaKm2: 0.74 }], (g) => `gap ${g.areaKm2}`);
    const polygons = fc.features.filter((f) => f.geometry.type === 'Polygon');
    expect(polygons).toHaveLength(1);
    const ring = (polygons[0]!.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
    expect(ringAreaM2(ring, 31.2) / 1e6).toBeCloseTo(
      cells.reduce((a, c) => a + cellArea(c, 'km2'), 0),
      2,
    );
    const labels = fc.features.filter((f) => f.geometry.type === 'Point');
    expect(labels.map((f) => f.properties.label)).toEqual(['lbl|gap|gap 0.74']);
    // Two cells far apart are two shapes; no cells, no shapes.
    expect(gapFeatures([centre, latLngToCell(31.3, 121.6, 9)], [], String).features).toHaveLength(2);
    expect(gapFeatures([], [], String).features).toEqual([]);
  });

  it('circle ring radius matches metres north and east', () => {
    const ring = circleRing(121.5, 31.2, 500, 4);
    expect(ring).toHaveLength(5);
    expect((ring[1]![1] - 31.2) * 111_320).toBeCloseTo(500, 0);
    expect((ring[0]![0] - 121.5) * 111_320 * Math.cos((31.2 * Math.PI) / 180)).toBeCloseTo(500, 0);
  });
});

describe('post layer features', () => {
  const plan = (over: Partial<PatrolPlan>): PatrolPlan => ({
    id: 'p1',
    unitId: 'u1',
    name: 'Gate 3',
    kind: 'post',
    from: '08:00',
    to: '20:00',
    post: { lat: 31.2, lon: 121.5, radiusM: 50 },
    checkpoints: [],
    deviatingSince: null,
    shiftKey: null,
    ...over,
  });

  it('marks a post whose unit has left it and names it as away', () => {
    const calm = postFeatures([plan({})], (p) => `${p.name} away`);
    expect(calm.features.map((f) => [f.geometry.type, f.properties.away, f.properties.label])).toEqual([
      ['Polygon', false, 'lbl|post|Gate 3'],
      ['Point', false, 'lbl|post|Gate 3'],
    ]);
    const away = postFeatures([plan({ deviatingSince: '2025-01-01T09:00:00Z' })], (p) => `${p.name} away`);
    expect(away.features[1]!.properties).toMatchObject({ away: true, label: 'lbl|post-away|Gate 3 away' });
  });

  it('shows tour checkpoints, filled once checked in', () => {
    const fc = postFeatures(
      [
        plan({
          kind: 'tour',
          post: null,
          checkpoints: [
            { name: 'A', lat: 31.2, lon: 121.5, radiusM: 20, checkedInAt: '2025-01-01T09:00:00Z' },
            { name: 'B', lat: 31.21, lon: 121.5, radiusM: 20, checkedInAt: null },
          ],
        }),
      ],
      () => '',
    );
    expect(fc.features.map((f) => [f.properties.kind, f.properties.checked])).toEqual([
      ['checkpoint', true],
      ['checkpoint', false],
    ]);
  });
});
