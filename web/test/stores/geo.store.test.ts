import type { Grid, Station } from '@lianfang/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { useGeoStore } from '../../src/features/geo/geo.store';
import { freshPinia } from '../support/test-app';

const grid = (id: string, over: Partial<Grid> = {}): Grid => ({
  id,
  code: id.toUpperCase(),
  name: `网格 ${id}`,
  level: 'grid',
  parentId: null,
  ring: [
    [118.77, 32.03],
    [118.78, 32.03],
    [118.78, 32.04],
    [118.77, 32.03],
  ],
  leader: null,
  contacts: [],
  version: 1,
  retiredAt: null,
  ...over,
});
const station = (id: string, over: Partial<Station> = {}): Station => ({ id, code: id, name: `站 ${id}`, kind: 'fire', lat: 32.03, lon: 118.77, ...over });

/** `geography:changed` as the wall applies it: changed records replace, new ones join, retired ones leave. */
describe('geo store: geography changes from the console', () => {
  beforeEach(() => freshPinia());

  it('replaces, adds and removes retired grids and stations', () => {
    const geo = useGeoStore();
    geo.replaceAll({ grids: [grid('a'), grid('b')], stations: [station('s1')], teams: [] });
    geo.applyGeographyChange([grid('a', { name: '改名', version: 2 }), grid('c'), grid('b', { retiredAt: '2026-01-01T00:00:00.000Z' })], []);
    expect(geo.grids.map((g) => [g.id, g.name, g.version])).toEqual([
      ['a', '改名', 2],
      ['c', '网格 c', 1],
    ]);
    expect(geo.stations.map((s) => s.id)).toEqual(['s1']);
    geo.applyGeographyChange([], [station('s1', { retiredAt: '2026-01-01T00:00:00.000Z' }), station('s2')]);
    expect(geo.stations.map((s) => s.id)).toEqual(['s2']);
  });
});
