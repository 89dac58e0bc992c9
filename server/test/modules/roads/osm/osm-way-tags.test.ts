import { describe, expect, it } from 'vitest';
import { accessOverrides, parseMaxspeedKmh, parseOneway, roadWayFromTags } from '../../../../src/modules/roads/osm/osm-way-tags.js';

describe('parseMaxspeedKmh', () => {
  it.each<[string | undefined, number]>([
    ['50', 50],
    ['50 km/h', 50],
    ['30 mph', 48],
    ['20mph', 32],
    ['10 knots', 19],
    ['50;30', 30],
    ['RU:urban', 0],
    ['DE:zone30', 0],
    ['none', 0],
    ['walk', 0],
    ['signals', 0],
    ['', 0],
    [undefined, 0],
    ['300', 255],
  ])('%s → %d', (value, kmh) => expect(parseMaxspeedKmh(value)).toBe(kmh));
});

describe('parseOneway', () => {
  it.each<[Record<string, string>, string]>([
    [{ highway: 'residential', oneway: 'yes' }, 'forward'],
    [{ highway: 'residential', oneway: '1' }, 'forward'],
    [{ highway: 'residential', oneway: 'true' }, 'forward'],
    [{ highway: 'residential', oneway: '-1' }, 'backward'],
    [{ highway: 'residential', oneway: 'reversible' }, 'reversible'],
    [{ highway: 'residential', oneway: 'no' }, 'no'],
    [{ highway: 'residential' }, 'no'],
    [{ highway: 'motorway' }, 'forward'],
    [{ highway: 'motorway_link' }, 'forward'],
    [{ highway: 'primary', junction: 'roundabout' }, 'forward'],
    [{ highway: 'motorway', oneway: 'no' }, 'no'],
  ])('%o → %s', (tags, expected) => expect(parseOneway(tags)).toBe(expected));
});

describe('accessOverrides', () => {
  it('denies from any level, the most specific tag deciding', () => {
    expect(accessOverrides({ access: 'private' })).toEqual({ car: false, moto: false, bike: false, foot: false });
    expect(accessOverrides({ access: 'no', foot: 'yes' })).toEqual({ car: false, moto: false, bike: false, foot: true });
    expect(accessOverrides({ motor_vehicle: 'no' })).toEqual({ car: false, moto: false });
    expect(accessOverrides({ bicycle: 'use_sidepath' })).toEqual({ bike: false });
    expect(accessOverrides({ motorroad: 'yes' })).toEqual({ foot: false, bike: false });
  });

  it('does not let a generic access=yes open a footway to cars', () => {
    expect(accessOverrides({ highway: 'footway', access: 'yes' })).toEqual({});
    expect(accessOverrides({ highway: 'footway', motor_vehicle: 'yes' })).toEqual({ car: true, moto: true });
  });
});

describe('roadWayFromTags', () => {
  it('keeps routable highways and maps links to their class', () => {
    expect(roadWayFromTags(1, [1, 2], { highway: 'primary_link' })).toMatchObject({ roadClass: 'primary', oneway: 'no' });
    expect(roadWayFromTags(1, [1, 2], { highway: 'corridor' })).toMatchObject({ roadClass: 'footway' });
  });

  it('skips buildings, non-traffic highways and one-node ways', () => {
    expect(roadWayFromTags(1, [1, 2, 3, 1], { building: 'yes' })).toBeNull();
    expect(roadWayFromTags(1, [1, 2], { highway: 'construction' })).toBeNull();
    expect(roadWayFromTags(1, [1, 2], { highway: 'platform' })).toBeNull();
    expect(roadWayFromTags(1, [1], { highway: 'residential' })).toBeNull();
  });

  it('closes reversible ways to vehicles and reads bicycle contraflow', () => {
    expect(roadWayFromTags(1, [1, 2], { highway: 'residential', oneway: 'reversible' })).toMatchObject({
      oneway: 'no',
      access: { car: false, moto: false, bike: false },
    });
    expect(roadWayFromTags(1, [1, 2], { highway: 'residential', oneway: 'yes', 'oneway:bicycle': 'no' })).toMatchObject({ bikeContraflow: true });
    expect(roadWayFromTags(1, [1, 2], { highway: 'residential', oneway: 'yes', cycleway: 'opposite_lane' })).toMatchObject({ bikeContraflow: true });
    expect(roadWayFromTags(1, [1, 2], { highway: 'residential', maxspeed: '30 mph' })).toMatchObject({ maxspeedKmh: 48 });
  });
});
