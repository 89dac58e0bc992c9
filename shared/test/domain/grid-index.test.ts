import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridIndex, findContainingArea, type GridLevel, type Ring } from '../../src/index.js';

interface Area {
  id: string;
  level: GridLevel;
  ring: Ring;
}

const LEVELS: GridLevel[] = ['street', 'community', 'grid'];

/** A star-shaped polygon (possibly concave) around a centre: the shapes real grids have, and then some. */
const arbArea = fc
  .record({
    cx: fc.double({ min: 118, max: 119, noNaN: true }),
    cy: fc.double({ min: 32, max: 33, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.001, max: 0.4, noNaN: true }), { minLength: 3, maxLength: 9 }),
    level: fc.constantFrom(...LEVELS),
  })
  .map(({ cx, cy, radii, level }): Omit<Area, 'id'> => ({
    level,
    ring: radii.map((r, k) => {
      const a = (2 * Math.PI * k) / radii.length;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as [number, number];
    }),
  }));

/** street → community → grid, each cut into an n×n block of the one above, ids in insertion order. */
function nestedTiling(x0: number, y0: number, size: number, split: number): Area[] {
  const out: Area[] = [];
  const box = (x: number, y: number, s: number): Ring => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
  ];
  const cut = (x: number, y: number, s: number, depth: number): void => {
    out.push({ id: `${LEVELS[depth]}-${out.length}`, level: LEVELS[depth]!, ring: box(x, y, s) });
    if (depth === 2) return;
    const step = s / split;
    for (let i = 0; i < split; i++) for (let j = 0; j < split; j++) cut(x + i * step, y + j * step, step, depth + 1);
  };
  cut(x0, y0, size, 0);
  return out;
}

const arbPoint = fc.record({ lon: fc.double({ min: 117.5, max: 119.5, noNaN: true }), lat: fc.double({ min: 31.5, max: 33.5, noNaN: true }) });

describe('GridIndex', () => {
  it('finds what the linear scan finds on random overlapping areas of every level', () => {
    fc.assert(
      fc.property(fc.array(arbArea, { maxLength: 40 }), fc.array(arbPoint, { minLength: 1, maxLength: 60 }), (shapes, points) => {
        const areas = shapes.map((s, i) => ({ ...s, id: `a${i}` }));
        const index = new GridIndex(areas);
        for (const p of points) expect(index.find(p.lon, p.lat)?.id ?? null).toBe(findContainingArea(p.lon, p.lat, areas)?.id ?? null);
        // The areas' own vertices and centres sit on edges and inside: the hard cases for the box test.
        for (const a of areas) {
          for (const [lon, lat] of a.ring) expect(index.find(lon, lat)?.id ?? null).toBe(findContainingArea(lon, lat, areas)?.id ?? null);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the grid, not its community or street, in a nested tiling (shuffled order)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(arbPoint, { minLength: 1, maxLength: 80 }),
        fc.integer(),
        (split, size, points, seed) => {
          const tiling = nestedTiling(118, 32, size, split);
          // Order must not matter beyond ties: shuffle deterministically from the seed.
          const areas = tiling
            .map((a, i) => ({ a, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.a);
          const index = new GridIndex(areas);
          for (const p of points) {
            const expected = findContainingArea(p.lon, p.lat, areas);
            const found = index.find(p.lon, p.lat);
            expect(found?.id ?? null).toBe(expected?.id ?? null);
            if (found) expect(found.level).toBe('grid');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers with concrete grids on a 2×2 tiling and nothing outside or with no grids', () => {
    const areas = nestedTiling(120, 30, 0.2, 2);
    const index = new GridIndex(areas);
    expect(index.size).toBe(1 + 4 + 16);
    // (120.01, 30.01) is the first community's first grid.
    expect(index.find(120.01, 30.01)?.id).toBe('grid-2');
    expect(index.find(120.01, 30.01)?.level).toBe('grid');
    expect(index.find(121, 30.01)).toBeNull();
    expect(index.find(Number.NaN, 30)).toBeNull();
    expect(new GridIndex<Area>([]).find(120, 30)).toBeNull();
  });
});
