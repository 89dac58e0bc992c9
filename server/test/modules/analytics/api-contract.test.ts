import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CategoryChangeRowSchema,
  ClosureRowSchema,
  CoverageRowSchema,
  DrilldownRowSchema,
  HeatmapCellSchema,
  KeyAreaComplianceRowSchema,
  ResponseRowSchema,
  TrackPointSchema,
  UnitActivityRowSchema,
} from '@lianfang/shared';
import type { TObject } from '@sinclair/typebox';
import { api, login, type TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, localInstant, seedGeography, seedIncidents } from './analytics-seed.js';
import { asCell, parseCsv } from './csv-parse.js';

const TABLES: [string, TObject][] = [
  [`/api/analytics/response?${Q}&groupBy=grid`, ResponseRowSchema],
  [`/api/analytics/response?${Q}&groupBy=day`, ResponseRowSchema],
  [`/api/analytics/closure?${Q}&groupBy=team`, ClosureRowSchema],
  [`/api/analytics/category-change?${Q}`, CategoryChangeRowSchema],
  [`/api/analytics/heatmap?${Q}`, HeatmapCellSchema],
  [`/api/analytics/incidents?${Q}&only=responded`, DrilldownRowSchema],
  [`/api/analytics/units?${Q}&per=team`, UnitActivityRowSchema],
  [`/api/analytics/coverage?${Q}&interval=hour`, CoverageRowSchema],
  [`/api/analytics/key-areas?${Q}`, KeyAreaComplianceRowSchema],
  [`/api/analytics/tracks?unitIds=u1&${Q}`, TrackPointSchema],
];

describe('analytics API contract: CSV = JSON rows, roles, 400s naming the field (PostgreSQL)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startOn('postgres');
    const db = t.app.core.db;
    await seedGeography(db);
    await seedIncidents(db);
    await db.query('INSERT INTO coverage_samples (at, within5, within15) VALUES ($1, 0.5, 0.75)', [localInstant('2024-03-04T09:00:00')]);
    await db.query(
      `INSERT INTO key_areas (id, name, ring, every_minutes, from_hhmm, to_hhmm, created_at) VALUES ('k1', '学校, "南门"', '[[120.1,30.2],[120.2,30.2],[120.2,30.3]]', 60, '08:00', '10:00', '2024-01-01')`,
    );
    await db.query(`INSERT INTO positions (unit_id, device_time, server_time, lat, lon) VALUES ('u1', $1, $1, 30.21, 120.15)`, [
      localInstant('2024-03-04T08:30:00'),
    ]);
    for (const [username, role, unitId] of [
      ['mgr', 'manager'],
      ['op', 'operator'],
      ['cap', 'captain', 'u4'],
    ] as const) {
      const created = await api(t.app, t.adminToken, 'POST', '/api/users', { username, password: 'password-123', role, ...(unitId ? { unitId } : {}) });
      expect(created.status).toBe(201);
      tokens[role] = await login(t.app, username, 'password-123');
    }
  });
  afterAll(async () => t?.close());

  it.each(TABLES)('%s: format=csv is the JSON rows, same columns, UTF-8 with BOM', async (url, row) => {
    const json = await get<{ rows: Record<string, unknown>[] }>(t, url);
    expect(json.status).toBe(200);
    expect(json.body.rows.length).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'GET', url: `${url}&format=csv`, headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="lianfang-[a-z-]+\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    const columns = Object.keys(row.properties);
    expect(header).toEqual(columns);
    expect(records).toEqual(json.body.rows.map((r) => columns.map((c) => asCell(r[c]))));
  });

  it('CSV keeps Chinese and quotes names with commas and quotes', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/response?${Q}&groupBy=grid&format=csv`,
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(res.body).toContain('\r\ng1,东湖网格,5,1,');
    expect(res.body).toContain('\r\ng2,"West, ""old"" grid",5,0,');
    const areas = await t.app.inject({ method: 'GET', url: `/api/analytics/key-areas?${Q}&format=csv`, headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(areas.body).toContain('\r\nk1,"学校, ""南门""",60,08:00,10:00,');
  });

  it('401 without a login; 403 for a captain; admin, operator and manager may read', async () => {
    const url = `/api/analytics/response?${Q}`;
    const anonymous = await t.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    for (const path of ['response', 'closure', 'category-change', 'heatmap', 'incidents', 'units', 'coverage', 'key-areas']) {
      const captain = await get<{ statusCode: number }>(t, `/api/analytics/${path}?${Q}`, tokens.captain);
      expect([path, captain.status]).toEqual([path, 403]);
    }
    expect((await get(t, `/api/analytics/tracks?unitIds=u1&${Q}`, tokens.captain)).status).toBe(403);
    expect((await get(t, url, tokens.manager)).status).toBe(200);
    expect((await get(t, url, tokens.operator)).status).toBe(200);
    // A bad query from someone not logged in is still a 401: who you are is checked first.
    expect((await t.app.inject({ method: 'GET', url: '/api/analytics/response?from=nonsense' })).statusCode).toBe(401);
  });

  const F = '2024-03-04T00:00:00Z';
  it.each([
    ['/api/analytics/response?to=2024-03-05T00:00:00Z', 'from'],
    [`/api/analytics/response?from=${F}`, 'to'],
    [`/api/analytics/response?from=${F}&to=tomorrow`, 'to'],
    [`/api/analytics/response?from=${F}&to=${F}`, 'to'],
    [`/api/analytics/response?from=${F}&to=2024-03-01T00:00:00Z`, 'to'],
    [`/api/analytics/response?from=2020-01-01T00:00:00Z&to=${F}`, 'to'],
    [`/api/analytics/response?from=${F}&to=2024-03-05T00:00:00Z&groupBy=hour`, 'groupBy'],
    [`/api/analytics/closure?from=${F}&to=2024-03-05T00:00:00Z&priority=P9`, 'priority'],
    [`/api/analytics/heatmap?from=${F}&to=2024-03-05T00:00:00Z&force=army`, 'force'],
    [`/api/analytics/category-change?from=${F}&to=2024-03-05T00:00:00Z&category=weather`, 'category'],
    [`/api/analytics/response?from=${F}&to=2024-03-05T00:00:00Z&gridId=bad%20id`, 'gridId'],
    [`/api/analytics/response?from=${F}&to=2024-03-05T00:00:00Z&format=xlsx`, 'format'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&groupBy=day`, 'groupKey'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&groupKey=P1`, 'groupBy'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&groupBy=day&groupKey=2024-02-30`, 'groupKey'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&groupBy=week&groupKey=2024-03-05`, 'groupKey'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&groupBy=priority&groupKey=P7`, 'groupKey'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&only=late`, 'only'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&limit=5000`, 'limit'],
    [`/api/analytics/incidents?from=${F}&to=2024-03-05T00:00:00Z&offset=-1`, 'offset'],
    [`/api/analytics/units?from=${F}&to=2024-03-05T00:00:00Z&per=grid`, 'per'],
    [`/api/analytics/coverage?from=${F}&to=2024-05-05T00:00:00Z&interval=hour`, 'interval'],
    [`/api/analytics/coverage?from=${F}&to=2024-03-05T00:00:00Z&interval=minute`, 'interval'],
    [`/api/analytics/tracks?from=${F}&to=2024-03-05T00:00:00Z`, 'unitIds'],
    [`/api/analytics/tracks?unitIds=u1;u2&from=${F}&to=2024-03-05T00:00:00Z`, 'unitIds'],
    [`/api/analytics/tracks?unitIds=u1&from=${F}&to=2023-03-05T00:00:00Z`, 'to'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await get<{ statusCode: number; error: string; message: string; field: string }>(t, url);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field });
    expect(res.body.message).toContain(field);
  });
});
