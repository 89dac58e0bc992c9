import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polygonContainsPoint, type Ring } from '@lianfang/shared';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import type { TestApp } from '../../helpers/test-app.js';

/**
 * The live path (the key-area watcher) and migration 016's backfill must agree
 * on every fix, or the visit history would depend on which of them saw it. The
 * shared polygon test is compared here with PostgreSQL's own `polygon @> point`
 * where they can differ: on vertices, on edges and within PostgreSQL's 1e-6
 * tolerance of them.
 */
const RINGS: Record<string, Ring> = {
  triangle: [
    [120.169, 30.259],
    [120.171, 30.259],
    [120.169, 30.261],
  ],
  // concave (an L), with a horizontal edge level with a vertex
  ell: [
    [120.2, 30.2],
    [120.204, 30.2],
    [120.204, 30.201],
    [120.201, 30.201],
    [120.201, 30.204],
    [120.2, 30.204],
  ],
  // closed GeoJSON-style: the first point repeated at the end
  closed: [
    [120.3, 30.3],
    [120.302, 30.3001],
    [120.3015, 30.3023],
    [120.2998, 30.3012],
    [120.3, 30.3],
  ],
};

/** A fixed sequence, so a failure names the same points on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function probes(ring: Ring, random: () => number): [number, number][] {
  const out: [number, number][] = [];
  const nudges = [0, 1e-7, -1e-7, 9.9e-7, -9.9e-7, 1.01e-6, -1.01e-6, 1e-5];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    for (const dx of nudges) for (const dy of nudges) out.push([a[0] + dx, a[1] + dy]);
    for (let k = 0; k < 40; k++) {
      const f = random();
      const nudge = nudges[Math.floor(random() * nudges.length)]!;
      out.push([a[0] + (b[0] - a[0]) * f + nudge, a[1] + (b[1] - a[1]) * f - nudge]);
    }
  }
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  for (let k = 0; k < 300; k++) {
    out.push([
      Math.min(...lons) - 0.001 + random() * (Math.max(...lons) - Math.min(...lons) + 0.002),
      Math.min(...lats) - 0.001 + random() * (Math.max(...lats) - Math.min(...lats) + 0.002),
    ]);
  }
  return out;
}

describe.each<Driver>(['pglite', 'postgres'])('key-area "inside" against PostgreSQL (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
  });
  afterAll(async () => t?.close());

  it.each(Object.keys(RINGS))('%s: the same answer as polygon @> point on vertices, edges and near them', async (name) => {
    const ring = RINGS[name]!;
    const points = probes(ring, lcg(name.length * 7919));
    const rows = await t.app.core.db.query<{ inside: boolean }>(
      `SELECT lf_key_area_polygon($1::jsonb) @> point(x, y) AS inside FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS u(x, y, n) ORDER BY n`,
      [JSON.stringify(ring), points.map((p) => p[0]), points.map((p) => p[1])],
    );
    const sql = rows.map((r) => r.inside);
    const shared = points.map(([lon, lat]) => polygonContainsPoint(ring, lon, lat));
    const differing = points.filter((_, i) => sql[i] !== shared[i]);
    expect(differing).toEqual([]);
    // The probes do reach both answers, and the edge cases ray casting gets otherwise.
    expect(sql.filter(Boolean).length).toBeGreaterThan(50);
    expect(sql.filter((v) => !v).length).toBeGreaterThan(50);
  });
});
