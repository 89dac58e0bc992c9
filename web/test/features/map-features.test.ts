import { describe, expect, it } from 'vitest';
import type { Grid } from '@lianfang/shared';
import { boundsOf } from '../../src/map/features/data-bounds';
import { gridFeatures, ringCentre } from '../../src/map/features/grid-features';
import { unitFeatures } from '../../src/map/features/unit-features';
import { position, unit } from '../support/fixtures';

const square: Grid['ring'] = [[0, 0], [2, 0], [2, 2], [0, 2]];

describe('map features', () => {
  it('draws a unit by force, rings it by status, greys it when stale, and skips units without a fix', () => {
    const now = Date.parse('2025-01-01T08:01:00Z');
    const fc = unitFeatures([
      unit({ id: 'a', force: 'fire', status: 'on_scene', position: position({ unitId: 'a' }) }),
      unit({ id: 'b', position: position({ unitId: 'b', serverTime: '2025-01-01T07:00:00Z', deviceTime: '2025-01-01T07:00:00Z' }) }),
      unit({ id: 'c', position: null }),
    ], now);
    expect(fc.features.map((f) => f.properties.id)).toEqual(['a', 'b']);
    expect(fc.features[0]?.properties).toMatchObject({ fill: '#ff6b3d', ring: '#ff375f', stale: false, label: 'lbl|unit|A-1' });
    expect(fc.features[1]?.properties).toMatchObject({ stale: true, label: 'lbl|unit-stale|A-1' });
  });

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
