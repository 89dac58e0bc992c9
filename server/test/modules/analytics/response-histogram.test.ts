import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrilldownReply, ResponseHistogramReply, ResponseReply } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, seedGeography, seedIncidents } from './analytics-seed.js';

describe('response-time distribution and its drill-down (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn('postgres');
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => t?.close());

  it('one bar per minute, all 31 present, arrivals in the bar and within target', async () => {
    const { status, body } = await get<ResponseHistogramReply>(t, `/api/analytics/response-histogram?${Q}`);
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(31);
    expect(body.rows[30]).toEqual({ bin: 30, fromSeconds: 1800, toSeconds: null, responded: 0, withinTarget: 0 });
    // responses: A1 240 A5 240 | A2 300 A6 300 A11 330 | A3 400 | A4 600 | A12 960; A9 (cancelled, 200 s) is left out.
    // within: P1/P2 ≤ 300 (A1 A5 A2 A6; not A11 A3), P3 ≤ 900 (A4; not A12)
    const nonEmpty = body.rows.filter((r) => r.responded > 0).map((r) => [r.bin, r.responded, r.withinTarget]);
    expect(nonEmpty).toEqual([
      [4, 2, 2],
      [5, 3, 2],
      [6, 1, 0],
      [10, 1, 1],
      [16, 1, 0],
    ]);
    expect(body.responded).toBe(8);
    const { total } = (await get<ResponseReply>(t, `/api/analytics/response?${Q}`)).body;
    expect({ responded: total.responded, within: total.withinTarget }).toEqual({
      responded: body.responded,
      within: body.rows.reduce((n, r) => n + r.withinTarget, 0),
    });
  });

  it('filters apply like every incident table', async () => {
    const { body } = await get<ResponseHistogramReply>(t, `/api/analytics/response-histogram?${Q}&gridId=g2`);
    expect(body.rows.filter((r) => r.responded > 0).map((r) => [r.bin, r.responded])).toEqual([
      [6, 1],
      [10, 1],
      [16, 1],
    ]);
  });

  it('a bar drills down to exactly its incidents', async () => {
    const { body } = await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&responseFrom=300&responseTo=360`);
    expect(body.rows.map((r) => [r.id, r.response])).toEqual([
      ['A2', 300],
      ['A6', 300],
      ['A11', 330],
    ]);
    expect(body.total).toBe(3);
    const open = await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&responseFrom=900`);
    expect(open.body.rows.map((r) => r.id)).toEqual(['A12']);
  });

  it('a heatmap cell drills down to the incidents received in that local weekday and hour', async () => {
    // A12 at Thu 07:59 local (Wed 23:59 UTC): weekday 4, hour 7 in local time
    const { body } = await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&weekday=4&hour=7`);
    expect(body.rows.map((r) => r.id)).toEqual(['A12']);
    const monday = await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&weekday=1`);
    expect(monday.body.rows.map((r) => r.id)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('CSV has the same bars; a bad bound names its field', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/response-histogram?${Q}&format=csv`,
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('bin,fromSeconds,toSeconds,responded,withinTarget');
    expect(lines[5]).toBe('4,240,300,2,2');
    expect(lines[31]).toBe('30,1800,,0,0');
    const bad = await get<{ field: string }>(t, `/api/analytics/incidents?${Q}&responseFrom=-5`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('responseFrom');
  });
});
