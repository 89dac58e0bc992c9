import { describe, expect, it } from 'vitest';
import type { Grid } from '@lianfang/shared';
import { boundsOf } from '../../src/map/geojson/data-bounds';
import { gridFeatures, ringCentre } from '../../src/map/geojson/grid-features';

const square: Grid['ring'] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
];

describe('map features', () => {
  it('closes grid rings and labels each grid at its centre', () => {
    const fc = gridFeatures([{ id: 'g', name: '第1网格', level: 'grid', parentId: null, ring: square, leader: null, contacts: [] }]);
    const polygon = fc.features.find((f) => f.geometry.type === 'Polygon');
    expect(polygon?.geometry.coordinates[0]).toHaveLength(5);
    expect(ringCentre(square)).toEqual([1, 1]);
  });

  it('pads a single point into an area to fit', () => {
    expect(boundsOf([])).toBeNull();
    const b = boundsOf([[120, 30]]);
    expect(b && b[2] - b[0]).toBeCloseTo(0.01);
  });
});
