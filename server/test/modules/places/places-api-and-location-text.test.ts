import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DrilldownReply, Incident, Place } from '@lianfang/shared';
import { createGateway, createUnit, postAlert, postFix } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDatabase } from '../../helpers/test-services.js';
import { listGrids, listStations } from '../../../src/modules/geography/geo-repository.js';
import { extractPath, hasExtract } from '../roads/osm/osm-extracts.js';

/**
 * `GET /api/places` and the location text stored with alerts and incidents, on the Nanjing
 * extract (ROAD_NETWORK), on PGlite and on PostgreSQL (migration 026 and the one-call first
 * press `lf_open_alert_incident` are SQL).
 */
const ON_ZHONGSHAN_EAST = { lat: 32.04325, lon: 118.785 }; // by the mouth of 西祠堂巷, checked by hand
const ZH = '中山东路 · 中山东路与西祠堂巷交叉口附近 · 新街口一网格';
const EN = 'East Zhongshan Road · near East Zhongshan Road / Xicitang Alley · grid 新街口一网格';

describe.runIf(hasExtract('nanjing-xinjiekou.osm.pbf')).each([
  [
    'PGlite',
    async (dataDir: string) => ({
      t: await startTestApp({ dataDir, config: { ROAD_NETWORK: extractPath('nanjing-xinjiekou.osm.pbf') } }),
      drop: async () => {},
    }),
  ],
  [
    'PostgreSQL',
    async (dataDir: string) => {
      const db = await createTestDatabase();
      return { t: await startTestApp({ dataDir, databaseUrl: db.url, config: { ROAD_NETWORK: extractPath('nanjing-xinjiekou.osm.pbf') } }), drop: db.drop };
    },
  ],
] as const)('places API and location text on %s', (_name, start) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-places-'));
  const search = (query: string, token = t.adminToken) => api<{ places: Place[] }>(t.app, token, 'GET', `/api/places?${query}`);

  beforeAll(async () => {
    ({ t, drop } = await start(dataDir));
    const db = t.app.core.db;
    await db.query(`INSERT INTO grids (id, name, level, ring) VALUES ('g-xjk', '新街口一网格', 'grid', $1)`, [
      JSON.stringify([
        [118.78, 32.04],
        [118.795, 32.04],
        [118.795, 32.046],
        [118.78, 32.046],
      ]),
    ]);
    await db.query(`INSERT INTO stations (id, name, kind, lat, lon) VALUES ('s-xjk', '新街口派出所', 'police_post', 32.0445, 118.7805)`);
    // Geography is loaded at start; reload it as an admin change would.
    t.app.core.picture.geography.grids = await listGrids(db);
    t.app.core.picture.geography.stations = await listStations(db);
    await t.app.core.places.directory();
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('caches the extract’s places beside the road graph', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(dataDir, 'road-graphs')).some((f) => /^nanjing-xinjiekou\.osm\.pbf\.[0-9a-f]{16}\.places\.json$/.test(f))).toBe(true);
  });

  it('finds streets by characters, pinyin and initials, and the live geography by name', async () => {
    for (const q of ['中山东路', 'zhongshandonglu', 'zsdl']) {
      const res = await search(`q=${encodeURIComponent(q)}&limit=3`);
      expect(res.status).toBe(200);
      expect(res.body.places[0], q).toMatchObject({ kind: 'street', name: '中山东路', nameEn: 'East Zhongshan Road', distanceM: null });
    }
    expect((await search(`q=${encodeURIComponent('新街口派出所')}`)).body.places[0]).toMatchObject({
      kind: 'station',
      name: '新街口派出所',
      lat: 32.0445,
      lon: 118.7805,
    });
    expect((await search(`q=${encodeURIComponent('xjkyw')}`)).body.places[0]).toMatchObject({ kind: 'grid', name: '新街口一网格' });
  });

  it('finds a unit by callsign where it is now', async () => {
    const callsign = `巡逻${randomUUID().slice(0, 4)}`;
    const tracker = `trk-${randomUUID()}`;
    await createUnit(t.app, t.adminToken, callsign, tracker);
    await postFix(t.app, tracker, 32.0433, 118.7861, Math.floor(Date.now() / 1000));
    await t.app.core.settle();
    const hit = (await search(`q=${encodeURIComponent(callsign)}`)).body.places[0]!;
    expect(hit).toMatchObject({ kind: 'unit', name: callsign });
    expect(hit.lat).toBeCloseTo(32.0433, 5);
    expect(hit.lon).toBeCloseTo(118.7861, 5);
  });

  it('gives distances from near and ranks by them', async () => {
    const res = await search(`q=${encodeURIComponent('中山东路 巷')}&near=32.0432,118.7960&limit=5`);
    const distances = res.body.places.map((p) => p.distanceM!);
    expect(distances.length).toBeGreaterThan(1);
    expect(distances.every((d) => d >= 0)).toBe(true);
    expect(distances[0]).toBeLessThan(300);
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20', 'q'],
    ['q=abc&near=north', 'near'],
    ['q=abc&near=95,118', 'near'],
    ['q=abc&near=32,190', 'near'],
    ['q=abc&limit=0', 'limit'],
    ['q=abc&limit=51', 'limit'],
    [`q=${'x'.repeat(101)}`, 'q'],
  ])('?%s → 400 naming %s', async (query, field) => {
    const res = await api<{ field?: string; message: string }>(t.app, t.adminToken, 'GET', `/api/places?${query}`);
    expect(res.status).toBe(400);
    expect(`${res.body.field ?? ''} ${res.body.message}`).toContain(field);
  });

  it('needs a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/places?q=zsdl' })).statusCode).toBe(401);
  });

  it('stores the location text with a first press, its incident, and a press that joins it', async () => {
    const gw = await createGateway(t.app, t.adminToken, `gw-${randomUUID()}`);
    const first = await postAlert(t.app, gw.key, { kind: 'panic', ...ON_ZHONGSHAN_EAST });
    expect(first.status).toBe(202);
    // ~150 m east along the street: joins (same device), with the text of where it was pressed
    const pressedAt = { lat: 32.0432, lon: 118.7866 };
    const again = await postAlert(t.app, gw.key, { kind: 'panic', ...pressedAt });
    expect(again.body.incidentId).toBe(first.body.incidentId);
    const read = await api<{ incident: Incident; alerts: Alert[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${String(first.body.incidentId)}`);
    expect(read.body.incident.locationText).toEqual({ zh: ZH, en: EN });
    const secondText = t.app.core.places.describe(pressedAt.lat, pressedAt.lon)!;
    expect(secondText.zh).toMatch(/^中山东路 · /);
    expect(read.body.alerts.map((a) => a.locationText)).toEqual([{ zh: ZH, en: EN }, secondText]);
    const [row] = await t.app.core.db.query<{ location_text: { zh: string } }>('SELECT location_text FROM incidents WHERE id = $1', [first.body.incidentId]);
    expect(row!.location_text.zh).toBe(ZH);
    // the live picture (and so every screen's snapshot) has it too
    expect(t.app.core.picture.incidents.get(String(first.body.incidentId))?.locationText?.en).toBe(EN);
  });

  it('stores the location text with an incident a call-taker opens', async () => {
    const res = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P3',
      title: '纠纷',
      ...ON_ZHONGSHAN_EAST,
    });
    expect(res.status).toBe(201);
    expect(res.body.locationText).toEqual({ zh: ZH, en: EN });
    const read = await api<{ incident: Incident }>(t.app, t.adminToken, 'GET', `/api/incidents/${res.body.id}`);
    expect(read.body.incident.locationText).toEqual({ zh: ZH, en: EN });
  });

  it('stores the location text with a case brought in by the history import', async () => {
    const receivedAt = new Date(Date.now() - 7_200_000).toISOString();
    const res = await api<{ applied: boolean }>(t.app, t.adminToken, 'POST', '/api/admin/import/incidents', {
      incidents: [
        {
          externalId: `H-${randomUUID()}`,
          category: 'dispute',
          priority: 'P3',
          ...ON_ZHONGSHAN_EAST,
          receivedAt,
          cancelledAt: new Date(Date.parse(receivedAt) + 600_000).toISOString(),
          cancelledAs: 'false_alarm',
        },
      ],
    });
    expect(res.body.applied).toBe(true);
    const [row] = await t.app.core.db.query<{ location_text: { zh: string; en: string } }>(
      'SELECT location_text FROM incidents WHERE external_id IS NOT NULL ORDER BY created_at DESC LIMIT 1',
    );
    expect(row!.location_text).toEqual({ zh: ZH, en: EN });
  });

  it('lists the location text in the analytics drill-down and its CSV', async () => {
    const window = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const json = await api<DrilldownReply>(t.app, t.adminToken, 'GET', `/api/analytics/incidents?${window}`);
    expect(json.status).toBe(200);
    expect(json.body.rows.length).toBeGreaterThan(0);
    for (const row of json.body.rows) expect({ zh: row.locationZh, en: row.locationEn }).toEqual({ zh: ZH, en: EN });
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/incidents?${window}&format=csv`,
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    const [header, first] = csv.body.replace('\uFEFF', '').split('\r\n');
    const columns = header!.split(',');
    const cells = first!.split(',');
    expect(cells[columns.indexOf('locationZh')]).toBe(ZH);
    expect(cells[columns.indexOf('locationEn')]).toBe(EN);
  });
});
