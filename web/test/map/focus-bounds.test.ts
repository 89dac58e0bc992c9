import { describe, expect, it } from 'vitest';
import { incidentFocusBounds } from '../../src/map/geojson/focus-bounds';

describe('incident focus bounds', () => {
  it('puts the incident in the middle with every unit inside', () => {
    const at = { lon: 120.1, lat: 30.2 };
    const [w, s, e, n] = incidentFocusBounds(at, [
      [120.13, 30.21],
      [120.09, 30.17],
    ]);
    expect((w + e) / 2).toBeCloseTo(at.lon, 9);
    expect((s + n) / 2).toBeCloseTo(at.lat, 9);
    expect(e).toBeCloseTo(120.13, 9);
    expect(s).toBeCloseTo(30.17, 9);
  });

  it('shows the street around an incident with no unit yet, and skips positions that are not numbers', () => {
    expect(incidentFocusBounds({ lon: 1, lat: 2 }, [[Number.NaN, 3]])).toEqual([0.99, 1.99, 1.01, 2.01]);
  });
});
