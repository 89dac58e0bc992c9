import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '@lianfang/shared';
import type { PlaceDirectory } from '../../../src/modules/places/place-directory.js';
import { pointToSegmentM } from '../../../src/modules/places/reverse-geocoder.js';
import { hasExtract } from '../roads/osm/osm-extracts.js';
import { directoryOf, liveGeography } from './place-fixtures.js';

/**
 * Reverse geocoding on real extracts. Each point was placed by hand on a map
 * (openstreetmap.org) and the expected text is what a person standing there would say.
 */
const XINJIEKOU_GRID: Grid = {
  id: 'g-xjk',
  name: '新街口一网格',
  level: 'grid',
  parentId: null,
  // around the east end of 中山东路 in the extract: 32.040–32.046 N, 118.780–118.795 E
  ring: [
    [118.78, 32.04],
    [118.795, 32.04],
    [118.795, 32.046],
    [118.78, 32.046],
  ],
  leader: null,
  contacts: [],
};

describe.runIf(hasExtract('nanjing-xinjiekou.osm.pbf'))('reverse geocoding in Nanjing', () => {
  let nanjing: PlaceDirectory;
  beforeAll(async () => {
    nanjing = await directoryOf('nanjing-xinjiekou.osm.pbf', liveGeography({ grids: [XINJIEKOU_GRID] }));
  });

  it('on 中山东路 by the mouth of 西祠堂巷 (32.04325, 118.7850): street, crossing, grid in both languages', () => {
    expect(nanjing.describe(32.04325, 118.785)).toEqual({
      zh: '中山东路 · 中山东路与西祠堂巷交叉口附近 · 新街口一网格',
      en: 'East Zhongshan Road · near East Zhongshan Road / Xicitang Alley · grid 新街口一网格',
    });
  });

  it('the grid the caller already found is used as given (null: in no grid)', () => {
    expect(nanjing.describe(32.04325, 118.785, null)?.zh).toBe('中山东路 · 中山东路与西祠堂巷交叉口附近');
  });

  it('at the Xinjiekou roundabout (32.0431, 118.7789): the avenue and the metro entrance beside it', () => {
    expect(nanjing.describe(32.0431, 118.7789, null)).toEqual({ zh: '中山南路 · 新街口#9旁', en: 'South Zhongshan Road · near Xinjiekou Entrance 9' });
  });
});

describe.runIf(hasExtract('monaco.osm.pbf'))('reverse geocoding in Monaco', () => {
  let monaco: PlaceDirectory;
  beforeAll(async () => {
    monaco = await directoryOf('monaco.osm.pbf');
  });

  it('in front of the casino (43.7396, 7.4275): Place du Casino, at its corner with Avenue des Spélugues', () => {
    expect(monaco.describe(43.7396, 7.4275)).toEqual({
      zh: 'Place du Casino · Avenue des Spélugues / Place du Casino 附近',
      en: 'Place du Casino · near Avenue des Spélugues / Place du Casino',
    });
  });

  it('on the harbour front (43.7347, 7.4210): Boulevard Albert 1er and the restaurant on it', () => {
    expect(monaco.describe(43.7347, 7.421)).toEqual({ zh: 'Boulevard Albert 1er · Planet Sushi 旁', en: 'Boulevard Albert 1er · near Planet Sushi' });
  });

  it('out at sea (43.72, 7.44), nothing named is near: no text at all', () => {
    expect(monaco.describe(43.72, 7.44)).toBeNull();
  });
});

describe('point to segment distance', () => {
  it('is the perpendicular inside the segment and the end point beyond it', () => {
    // 0.001° of latitude ≈ 110.5 m
    expect(pointToSegmentM(30.001, 120.0005, 30, 120, 30, 120.001)).toBeCloseTo(110.5, 0);
    expect(pointToSegmentM(30, 120.002, 30, 120, 30, 120.001)).toBeCloseTo(96.4, 0);
  });
});
