import type { KeyArea, KeyAreaComplianceReply, KeyAreaComplianceRow } from '@lianfang/shared';
import type { KeyAreaComplianceQuery } from '../../../src/modules/analytics/key-area-compliance.js';
import { inAnalyticsSession } from '../../../src/modules/analytics/analytics-session.js';
import { keyAreaComplianceFromPositions } from '../../../src/modules/analytics/key-area-compliance-from-positions.js';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { api, type TestApp } from '../../helpers/test-app.js';

/**
 * Key areas, units and fixes whose compliance is worked out by hand (the
 * comments of key-area-visit-history.test.ts), relative to T0: a whole hour at
 * least two hours ago (so every slot of [T0, T0 + 2 h) has ended, and the
 * half-hourly slots that start at local midnight line up with the window).
 */
export const MIN = 60_000;
export const T0 = Math.floor(Date.now() / (60 * MIN)) * 60 * MIN - 120 * MIN;
export const WINDOW: KeyAreaComplianceQuery = { from: new Date(T0).toISOString(), to: new Date(T0 + 120 * MIN).toISOString() };

const square = (lon: number, lat: number): [number, number][] => [
  [lon, lat],
  [lon + 0.002, lat],
  [lon + 0.002, lat + 0.002],
  [lon, lat + 0.002],
];
export const GATE = square(120.3, 30.3);
export const MARKET: [number, number][] = [
  [120.31, 30.3],
  [120.312, 30.3],
  [120.31, 30.302],
];
export const BANK = square(120.32, 30.3);
export const P = {
  gate: { lon: 120.301, lat: 30.301 },
  /** on the gate's east edge (the ring's own double, 120.30199999999999): inside for PostgreSQL's polygon test, outside for plain ray casting */
  gateEdge: { lon: 120.3 + 0.002, lat: 30.301 },
  market: { lon: 120.3105, lat: 30.3005 },
  /** in the market triangle's bounding box, not in the triangle */
  marketBoxCorner: { lon: 120.3115, lat: 30.3015 },
  bank: { lon: 120.321, lat: 30.301 },
  nowhere: { lon: 120.35, lat: 30.35 },
};

const hhmm = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));

export interface Seeded {
  ids: { gate: string; market: string; bank: string };
  units: { u1: string; u2: string; u3: string };
}

/** Areas (created a day before T0), a team and three units: u1 police, u2 security, u3 security in team t-x. */
export async function seedAreasAndUnits(t: TestApp): Promise<Seeded> {
  const { db, config } = t.app.core;
  const area = async (name: string, ring: [number, number][], everyMinutes: number, from: string, to: string) => {
    const res = await api<KeyArea>(t.app, t.adminToken, 'POST', '/api/key-areas', { name, ring, everyMinutes, from, to });
    if (res.status !== 201) throw new Error(`key area: ${res.status}`);
    return res.body.id;
  };
  const ids = {
    gate: await area('Gate', GATE, 15, '00:00', '00:00'),
    market: await area('Market', MARKET, 30, '00:00', '00:00'),
    // watched for one hour from T0 + 30 min (local hours), every 20 min: 3 slots
    bank: await area('Bank', BANK, 20, hhmm(T0 + 30 * MIN, config.TIME_ZONE), hhmm(T0 + 90 * MIN, config.TIME_ZONE)),
  };
  await db.query('UPDATE key_areas SET created_at = $1', [new Date(T0 - 24 * 60 * MIN).toISOString()]);
  await db.query(`INSERT INTO teams (id, name, force) VALUES ('t-x', 'Team X', 'security')`);
  const u1 = await createUnit(t.app, t.adminToken, 'VH-1', 'vh-1', { force: 'police' });
  const u2 = await createUnit(t.app, t.adminToken, 'VH-2', 'vh-2', { force: 'security' });
  const res = await api<{ id: string }>(t.app, t.adminToken, 'POST', '/api/units', {
    callsign: 'VH-3',
    force: 'security',
    mode: 'car',
    trackerId: 'vh-3',
    teamId: 't-x',
  });
  if (res.status !== 201) throw new Error(`unit: ${res.status}`);
  return { ids, units: { u1: u1.id, u2: u2.id, u3: res.body.id } };
}

export async function fixAt(t: TestApp, tracker: string, where: { lon: number; lat: number }, ms: number): Promise<number> {
  return (await postFix(t.app, tracker, where.lat, where.lon, ms)).status;
}

export const FILTERS: { name: string; q: Partial<KeyAreaComplianceQuery> }[] = [
  { name: 'all units', q: {} },
  { name: 'police', q: { force: 'police' } },
  { name: 'security', q: { force: 'security' } },
  { name: 'team t-x', q: { teamId: 't-x' } },
];

export async function complianceFromApi(t: TestApp, q: KeyAreaComplianceQuery): Promise<KeyAreaComplianceRow[]> {
  const params = new URLSearchParams({ from: q.from, to: q.to, ...(q.force ? { force: q.force } : {}), ...(q.teamId ? { teamId: q.teamId } : {}) });
  const res = await t.app.inject({ method: 'GET', url: `/api/analytics/key-areas?${params}`, headers: { authorization: `Bearer ${t.adminToken}` } });
  if (res.statusCode !== 200) throw new Error(`key-areas: ${res.statusCode} ${res.body}`);
  return (res.json() as KeyAreaComplianceReply).rows;
}

/** The definition, in the session the routes use (JIT off: compiling took a second a query on PostgreSQL). */
export const complianceFromPositions = (t: TestApp, q: KeyAreaComplianceQuery) =>
  inAnalyticsSession(t.app.core.db, t.app.core.config.TIME_ZONE, (ctx) => keyAreaComplianceFromPositions(ctx, q));

export interface VisitRow {
  area: string;
  minute: string;
  unit: string;
}

export async function visitRows(t: TestApp): Promise<VisitRow[]> {
  const rows = await t.app.core.db.query<{ area: string; minute: Date; unit: string }>(
    'SELECT key_area_id AS area, minute, unit_id AS unit FROM key_area_visit_minutes ORDER BY key_area_id, minute, unit_id',
  );
  return rows.map((r) => ({ area: r.area, minute: new Date(r.minute).toISOString(), unit: r.unit }));
}

/** What migration 016's backfill makes of the stored positions, in place of what the live path wrote (returns rows added). */
export async function refillFromPositions(t: TestApp): Promise<number> {
  await t.app.core.db.query('DELETE FROM key_area_visit_minutes');
  const [row] = await t.app.core.db.query<{ n: string }>('SELECT lf_fill_key_area_visit_minutes() AS n');
  return Number(row!.n);
}
