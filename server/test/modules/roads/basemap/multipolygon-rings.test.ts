import { describe, expect, it } from 'vitest';
import { assembleRings, rewind } from '../../../../src/modules/roads/basemap/multipolygon-rings.js';

describe('assembleRings: a multipolygon outline from its member ways', () => {
  it.each([
    ['one closed way', [[1, 2, 3, 1]], [[1, 2, 3, 1]]],
    [
      'two ways end to end',
      [
        [1, 2, 3],
        [3, 4, 1],
      ],
      [[3, 4, 1, 2, 3]],
    ],
    [
      'a way drawn the other way round',
      [
        [1, 2, 3],
        [1, 4, 3],
      ],
      [[1, 4, 3, 2, 1]],
    ],
    [
      'three pieces out of order',
      [
        [5, 6, 1],
        [1, 2, 3],
        [3, 4, 5],
      ],
      [[3, 4, 5, 6, 1, 2, 3]],
    ],
    [
      'two separate rings',
      [
        [1, 2, 3, 1],
        [7, 8, 9, 7],
      ],
      [
        [7, 8, 9, 7],
        [1, 2, 3, 1],
      ],
    ],
  ])('%s', (_name, ways, rings) => {
    expect(assembleRings(ways)).toEqual(rings);
  });

  it('drops an outline the extract cut open, and a ring too small to be an area', () => {
    expect(
      assembleRings([
        [1, 2, 3],
        [3, 4, 5],
      ]),
    ).toEqual([]);
    expect(assembleRings([[1, 2, 1]])).toEqual([]);
  });
});

describe('rewind: outer rings counter-clockwise, holes clockwise (RFC 7946)', () => {
  const ccw: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  const cw = (): [number, number][] => [...ccw].reverse();
  it('keeps a counter-clockwise outer ring and turns a clockwise one', () => {
    expect(rewind([...ccw], true)).toEqual(ccw);
    expect(rewind(cw(), true)).toEqual(ccw);
  });
  it('turns a hole clockwise', () => {
    expect(rewind([...ccw], false)).toEqual(cw());
    expect(rewind(cw(), false)).toEqual(cw());
  });
});
