import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosureReply, ClosureRow, DrilldownReply, HistoryIncident, ImportReport, ResponseReply, ResponseRow } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from './analytics-client.js';
import { parseCsv } from './csv-parse.js';
import iconv from 'iconv-lite';

/**
 * A manager's figures, recomputed. A seeded week goes in through the history import (the live
 * rules), and a small independent implementation here — written from docs/analytics.md, not from
 * the server's SQL — computes every table the dashboard shows; the served tables, each filter and
 * the CSV must agree. The set holds what broke the figures before: a unit whose report came in
 * after another's with earlier times, multi-unit arrivals, a tie, exactly 300 s and 300.4 s,
 * arrivals without "en route", a decline, cancellations, false alarms both ways, disputes mediated
 * and not, a case outside every grid, a call logged after it was answered.
 */

type Unit = { cs: string; d: number; k?: number; e?: number; o?: number; c?: number; dec?: number };
interface Case {
  id: string;
  /** received, local Asia/Shanghai */
  at: string;
  pri: 'P1' | 'P2' | 'P3' | 'P4';
  cat: string;
  grid: 'ga' | 'gb' | 'out';
  src?: 'call' | 'alert';
  /** the case was opened this many seconds after the call was answered */
  opened?: number;
  units: Unit[];
  res?: { at: number; outcome: string; settled: string };
  ev?: { at: number; rating: number };
  cancel?: { at: number; as: 'cancelled' | 'false_alarm' };
}

const CASES: Case[] = [
  {
    id: 'H1',
    at: '2026-11-02T09:00:00',
    pri: 'P1',
    cat: 'criminal',
    grid: 'ga',
    opened: 20,
    units: [{ cs: 'A', d: 60, k: 70, e: 90, o: 250 }],
    res: { at: 1800, outcome: 'solved_on_site', settled: 'community' },
    ev: { at: 3600, rating: 5 },
  },
  // B reported later with earlier times: first en route and first arrival are B's
  {
    id: 'H2',
    at: '2026-11-02T10:30:00',
    pri: 'P1',
    cat: 'public_order',
    grid: 'ga',
    src: 'alert',
    units: [
      { cs: 'A', d: 30, e: 50, o: 250 },
      { cs: 'B', d: 35, e: 40, o: 180 },
    ],
    res: { at: 900, outcome: 'arrest_handover', settled: 'grid' },
    ev: { at: 2000, rating: 4 },
  },
  {
    id: 'H3',
    at: '2026-11-03T08:15:00',
    pri: 'P2',
    cat: 'dispute',
    grid: 'gb',
    units: [{ cs: 'C', d: 40, k: 50, e: 60, o: 300 }],
    res: { at: 1500, outcome: 'mediated', settled: 'grid' },
    ev: { at: 4000, rating: 3 },
  },
  {
    id: 'H4',
    at: '2026-11-03T11:00:00',
    pri: 'P2',
    cat: 'dispute',
    grid: 'gb',
    units: [{ cs: 'C', d: 40, k: 50, e: 60, o: 300.4 }],
    res: { at: 2000, outcome: 'referred', settled: 'community' },
  },
  // no "en route": travel from the acknowledgement
  {
    id: 'H5',
    at: '2026-11-03T14:00:00',
    pri: 'P3',
    cat: 'traffic',
    grid: 'ga',
    units: [{ cs: 'A', d: 100, k: 160, o: 700 }],
    res: { at: 1000, outcome: 'solved_on_site', settled: 'grid' },
    ev: { at: 1500, rating: 5 },
  },
  {
    id: 'H6',
    at: '2026-11-04T16:00:00',
    pri: 'P4',
    cat: 'assistance',
    grid: 'gb',
    units: [{ cs: 'D', d: 200, k: 210, o: 1900 }],
    res: { at: 2500, outcome: 'no_action', settled: 'community' },
  },
  // a tie at 200 s: the one dispatched first leads
  {
    id: 'H7',
    at: '2026-11-04T20:00:00',
    pri: 'P1',
    cat: 'fire',
    grid: 'ga',
    units: [
      { cs: 'A', d: 20, e: 30, o: 200 },
      { cs: 'B', d: 10, e: 50, o: 200 },
    ],
    res: { at: 3000, outcome: 'solved_on_site', settled: 'street' },
    ev: { at: 4000, rating: 4 },
  },
  // the first sent declined: processing is still to the first dispatch
  {
    id: 'H8',
    at: '2026-11-05T07:45:00',
    pri: 'P1',
    cat: 'medical',
    grid: 'ga',
    units: [
      { cs: 'C', d: 30, dec: 60 },
      { cs: 'D', d: 70, k: 80, e: 90, o: 290 },
    ],
    res: { at: 1200, outcome: 'referred', settled: 'grid' },
    ev: { at: 1300, rating: 5 },
  },
  { id: 'H9', at: '2026-11-05T12:00:00', pri: 'P2', cat: 'criminal', grid: 'gb', units: [{ cs: 'A', d: 50 }], cancel: { at: 100, as: 'cancelled' } },
  {
    id: 'H10',
    at: '2026-11-05T13:00:00',
    pri: 'P3',
    cat: 'public_order',
    grid: 'ga',
    units: [{ cs: 'B', d: 60, k: 70, e: 100, o: 350 }],
    cancel: { at: 400, as: 'false_alarm' },
  },
  {
    id: 'H11',
    at: '2026-11-06T09:30:00',
    pri: 'P2',
    cat: 'public_order',
    grid: 'gb',
    units: [{ cs: 'C', d: 30, e: 40, o: 280 }],
    res: { at: 600, outcome: 'false_alarm', settled: 'grid' },
  },
  {
    id: 'H12',
    at: '2026-11-06T15:00:00',
    pri: 'P2',
    cat: 'dispute',
    grid: 'ga',
    units: [{ cs: 'A', d: 60, e: 90, o: 420 }],
    res: { at: 2000, outcome: 'mediated', settled: 'community' },
    ev: { at: 2500, rating: 2 },
  },
  {
    id: 'H13',
    at: '2026-11-07T02:00:00',
    pri: 'P1',
    cat: 'criminal',
    grid: 'out',
    units: [{ cs: 'D', d: 15, e: 20, o: 140 }],
    res: { at: 700, outcome: 'arrest_handover', settled: 'community' },
    ev: { at: 800, rating: 5 },
  },
  { id: 'H14', at: '2026-11-07T10:00:00', pri: 'P4', cat: 'other', grid: 'gb', units: [], res: { at: 3000, outcome: 'no_action', settled: 'grid' } },
  { id: 'H15', at: '2026-11-07T18:00:00', pri: 'P3', cat: 'dispute', grid: 'gb', units: [], cancel: { at: 200, as: 'false_alarm' } },
  {
    id: 'H16',
    at: '2026-11-08T23:50:00',
    pri: 'P2',
    cat: 'traffic',
    grid: 'ga',
    src: 'alert',
    units: [{ cs: 'B', d: 100, e: 110, o: 330 }],
    res: { at: 500, outcome: 'solved_on_site', settled: 'grid' },
  },
  {
    id: 'H17',
    at: '2026-11-08T12:00:00',
    pri: 'P1',
    cat: 'medical',
    grid: 'gb',
    opened: 15,
    units: [
      { cs: 'A', d: 20, k: 25, e: 30, o: 120 },
      { cs: 'C', d: 22, e: 25, o: 150 },
    ],
    res: { at: 600, outcome: 'referred', settled: 'grid' },
    ev: { at: 700, rating: 4 },
  },
  {
    id: 'H18',
    at: '2026-11-02T22:00:00',
    pri: 'P3',
    cat: 'dispute',
    grid: 'ga',
    units: [{ cs: 'D', d: 120, k: 200, e: 260, o: 880 }],
    res: { at: 3600, outcome: 'mediated', settled: 'grid' },
  },
];

const WINDOW = { from: '2026-11-02T00:00:00+08:00', to: '2026-11-09T00:00:00+08:00' };
const Q = `from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}`;
const GRID_AT = { ga: { lat: 31.005, lon: 121.005 }, gb: { lat: 31.025, lon: 121.005 }, out: { lat: 31.1, lon: 121.1 } };
const UNITS = [
  { id: 'ua', cs: 'A', force: 'police' },
  { id: 'ub', cs: 'B', force: 'police' },
  { id: 'uc', cs: 'C', force: 'security' },
  { id: 'ud', cs: 'D', force: 'volunteer' },
];
const TARGET = { P1: 300, P2: 300, P3: 900, P4: 1800 } as const;

const receivedMs = (c: Case) => Date.parse(`${c.at}+08:00`);
const isoAt = (c: Case, s: number) => new Date(receivedMs(c) + Math.round(s * 1000)).toISOString();

/** The file a district would send: the history import's JSON format. */
function asFile(c: Case): HistoryIncident {
  const row: HistoryIncident = {
    externalId: c.id,
    category: c.cat as HistoryIncident['category'],
    priority: c.pri,
    source: c.src ?? 'call',
    title: `case ${c.id}`,
    ...GRID_AT[c.grid],
    receivedAt: isoAt(c, 0),
    ...(c.opened ? { createdAt: isoAt(c, c.opened) } : {}),
    units: c.units.map((u) => ({
      callsign: u.cs,
      dispatchedAt: isoAt(c, u.d),
      ...(u.k !== undefined ? { acknowledgedAt: isoAt(c, u.k) } : {}),
      ...(u.e !== undefined ? { enRouteAt: isoAt(c, u.e) } : {}),
      ...(u.o !== undefined ? { onSceneAt: isoAt(c, u.o) } : {}),
      ...(u.dec !== undefined ? { declinedAt: isoAt(c, u.dec) } : {}),
    })),
  };
  if (c.res) Object.assign(row, { resolvedAt: isoAt(c, c.res.at), outcome: c.res.outcome, settledLevel: c.res.settled });
  if (c.ev) Object.assign(row, { evaluatedAt: isoAt(c, c.ev.at), rating: c.ev.rating });
  if (c.cancel) Object.assign(row, { cancelledAt: isoAt(c, c.cancel.at), cancelledAs: c.cancel.as });
  return row;
}

/**
 * The same cases as a district's spreadsheet would hold them (docs/analytics.md, "History
 * import", the CSV form): Chinese headers, one row per unit sent, times as local wall-clock
 * text in Asia/Shanghai (UTC+8), the case's cells repeated on each of its rows.
 */
function asSpreadsheet(cases: Case[]): string {
  const header = [
    '案件编号',
    '类别',
    '级别',
    '来源',
    '标题',
    '纬度',
    '经度',
    '接警时间',
    '立案时间',
    '处置完毕时间',
    '处置结果',
    '办结层级',
    '评价时间',
    '评分',
    '撤销时间',
    '撤销类型',
    '呼号',
    '派警时间',
    '接单时间',
    '出发时间',
    '到场时间',
    '拒单时间',
  ];
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
  const lines = [header.join(',')];
  for (const c of cases) {
    const f = asFile(c);
    const own = [
      f.externalId,
      f.category,
      f.priority,
      f.source,
      f.title,
      f.lat,
      f.lon,
      f.receivedAt,
      f.createdAt,
      f.resolvedAt,
      f.outcome,
      f.settledLevel,
      f.evaluatedAt,
      f.rating,
      f.cancelledAt,
      f.cancelledAs,
    ];
    const units = f.units && f.units.length > 0 ? f.units : [undefined];
    for (const u of units) {
      const cells = [...own, u?.callsign, u?.dispatchedAt, u?.acknowledgedAt, u?.enRouteAt, u?.onSceneAt, u?.declinedAt];
      lines.push(cells.map((v) => (v === undefined ? '' : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? local(v) : String(v))).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// ---- the independent implementation (docs/analytics.md, "Definitions") ----

/** whole seconds between two offsets, rounded up (a started second counts), computed on milliseconds */
const secs = (from: number, to: number) => Math.ceil((Math.round(to * 1000) - Math.round(from * 1000)) / 1000);

interface Facts {
  c: Case;
  received: boolean;
  processing: number | null;
  turnout: number | null;
  travel: number | null;
  response: number | null;
  withinFive: boolean | null;
  withinTarget: boolean | null;
  concluded: boolean;
  resolved: boolean;
  evaluated: boolean;
  falseAlarm: boolean;
  resolveS: number | null;
  closeS: number | null;
  localDay: string;
}

function factsOf(c: Case): Facts {
  const unitId = (cs: string) => UNITS.find((u) => u.cs === cs)!.id;
  const dispatches = c.units.map((u) => u.d);
  const arrived = c.units.filter((u) => u.o !== undefined);
  // the first to arrive; a tie goes to the one dispatched first, then the smaller unit id
  const lead = [...arrived].sort((x, y) => x.o! - y.o! || x.d - y.d || unitId(x.cs).localeCompare(unitId(y.cs)))[0];
  const leadStart = lead ? (lead.e ?? lead.k ?? lead.d) : null;
  const response = lead ? secs(0, lead.o!) : null;
  const falseAlarm = c.cancel?.as === 'false_alarm' || c.res?.outcome === 'false_alarm';
  const created = receivedMs(c) + (c.opened ?? 0) * 1000;
  return {
    c,
    received: c.cancel?.as !== 'cancelled',
    processing: dispatches.length > 0 ? secs(0, Math.min(...dispatches)) : null,
    turnout: lead ? secs(lead.d, leadStart!) : null,
    travel: lead ? secs(leadStart!, lead.o!) : null,
    response,
    withinFive: response === null ? null : response <= 300,
    withinTarget: response === null ? null : response <= TARGET[c.pri],
    concluded: !!c.res || c.cancel?.as === 'false_alarm',
    resolved: !!c.res,
    evaluated: !!c.ev,
    falseAlarm,
    resolveS: c.res ? secs(0, c.res.at) : null,
    closeS: c.ev ? secs(0, c.ev.at) : null,
    localDay: new Date(created + 8 * 3600_000).toISOString().slice(0, 10),
  };
}

/** percentile_cont: linear interpolation between the closest ranks */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo]! + (rank - lo) * (v[hi]! - v[lo]!);
}
const share = (n: number, d: number) => (d > 0 ? n / d : null);
const values = (fs: Facts[], pick: (f: Facts) => number | null) => fs.map(pick).filter((x): x is number => x !== null);

function responseRow(key: string, all: Facts[]): Omit<ResponseRow, 'label'> {
  const fs = all.filter((f) => f.received);
  const responded = fs.filter((f) => f.response !== null).length;
  const withinFive = fs.filter((f) => f.withinFive).length;
  const withinTarget = fs.filter((f) => f.withinTarget).length;
  const p = (pick: (f: Facts) => number | null, q: number) => percentile(values(fs, pick), q);
  return {
    key,
    received: fs.length,
    excluded: all.length - fs.length,
    dispatched: values(fs, (f) => f.processing).length,
    enRoute: values(fs, (f) => f.turnout).length,
    responded,
    processingP50: p((f) => f.processing, 50),
    processingP90: p((f) => f.processing, 90),
    turnoutP50: p((f) => f.turnout, 50),
    turnoutP90: p((f) => f.turnout, 90),
    travelP50: p((f) => f.travel, 50),
    travelP90: p((f) => f.travel, 90),
    responseP50: p((f) => f.response, 50),
    responseP90: p((f) => f.response, 90),
    withinFive,
    withinFiveShare: share(withinFive, responded),
    withinTarget,
    withinTargetShare: share(withinTarget, responded),
  };
}

function closureRow(key: string, all: Facts[]): Partial<ClosureRow> {
  const fs = all.filter((f) => f.received);
  const count = (pred: (f: Facts) => boolean) => fs.filter(pred).length;
  const concluded = count((f) => f.concluded);
  const resolved = count((f) => f.resolved);
  const evaluated = count((f) => f.evaluated);
  const ratings = fs.flatMap((f) => (f.c.ev ? [f.c.ev.rating] : []));
  const disputes = fs.filter((f) => f.c.cat === 'dispute');
  return {
    key,
    received: fs.length,
    concluded,
    closureRate: share(concluded, fs.length),
    open: fs.length - concluded,
    openShare: share(fs.length - concluded, fs.length),
    resolved,
    evaluated,
    evaluatedShare: share(evaluated, resolved),
    rated: ratings.length,
    ratingMean: ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    falseAlarms: count((f) => f.falseAlarm),
    falseAlarmShare: share(
      count((f) => f.falseAlarm),
      fs.length,
    ),
    resolveP50: percentile(
      values(fs, (f) => f.resolveS),
      50,
    ),
    closeP50: percentile(
      values(fs, (f) => f.closeS),
      50,
    ),
    disputesReceived: disputes.length,
    disputesConcluded: disputes.filter((f) => f.concluded).length,
    disputesMediated: disputes.filter((f) => f.c.res?.outcome === 'mediated').length,
    mediationSuccessRate: share(disputes.filter((f) => f.c.res?.outcome === 'mediated').length, disputes.length),
  };
}

const FACTS = CASES.map(factsOf);
const groupKey = {
  priority: (f: Facts) => f.c.pri,
  category: (f: Facts) => f.c.cat,
  grid: (f: Facts) => (f.c.grid === 'out' ? 'none' : f.c.grid),
  day: (f: Facts) => f.localDay,
} as const;
type Grouping = keyof typeof groupKey;
const FILTERS: { query: string; keep: (f: Facts) => boolean }[] = [
  { query: '', keep: () => true },
  { query: '&priority=P1', keep: (f) => f.c.pri === 'P1' },
  { query: '&category=dispute', keep: (f) => f.c.cat === 'dispute' },
  { query: '&gridId=ga', keep: (f) => f.c.grid === 'ga' },
];
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08'];

/** Every group the served table has: for days the whole window (empty days too), otherwise the keys that occur. */
function expectedGroups<R>(by: Grouping, fs: Facts[], row: (key: string, fs: Facts[]) => R): Map<string, R> {
  const keys = by === 'day' ? DAYS : [...new Set(fs.map(groupKey[by]))];
  return new Map(
    keys.map((k) => [
      k,
      row(
        k,
        fs.filter((f) => groupKey[by](f) === k),
      ),
    ]),
  );
}

const rounded = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as T;
const withoutLabel = <R extends { label?: string }>(r: R): Omit<R, 'label'> => {
  const { label: _label, ...rest } = r;
  return rest;
};

describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the manager figures recomputed on %s', (driver) => {
  let t: TestApp;
  const importFile = (incidents: unknown[], dryRun = false) =>
    api<ImportReport>(t.app, t.adminToken, 'POST', `/api/admin/import/incidents${dryRun ? '?dryRun=true' : ''}`, { incidents });
  const importSheet = async (bytes: Buffer, dryRun = false) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/import/incidents${dryRun ? '?dryRun=true' : ''}`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
      payload: bytes,
    });
    return { status: res.statusCode, body: res.json() as ImportReport };
  };

  beforeAll(async () => {
    t = await startOn(driver);
    const db = t.app.core.db;
    const ring = (lat: number) =>
      JSON.stringify([
        [121.0, lat],
        [121.01, lat],
        [121.01, lat + 0.01],
        [121.0, lat + 0.01],
      ]);
    await db.query(`INSERT INTO grids (id, name, level, ring) VALUES ('ga', '东湖网格', 'grid', $1), ('gb', 'West, "old" grid', 'grid', $2)`, [
      ring(31.0),
      ring(31.02),
    ]);
    for (const u of UNITS) await db.query(`INSERT INTO units (id, callsign, force, mode) VALUES ($1, $2, $3, 'car')`, [u.id, u.cs, u.force]);
  });
  afterAll(async () => t?.close());

  it('the history import: a dry run writes nothing, a bad row stops the whole file, the file goes in once', async () => {
    const file = CASES.map(asFile);
    const dry = await importFile(file, true);
    expect(dry.status).toBe(200);
    expect(dry.body.rows.filter((r) => r.action === 'reject')).toEqual([]);
    expect(dry.body).toMatchObject({ kind: 'incidents', dryRun: true, applied: false, counts: { create: CASES.length, reject: 0 } });
    const broken = [...file, { ...file[0]!, externalId: 'BAD', units: [{ callsign: 'NOPE', dispatchedAt: file[0]!.receivedAt }], rating: 9 }];
    const refused = await importFile(broken);
    expect(refused.body.applied).toBe(false);
    expect(refused.body.rows.at(-1)).toMatchObject({ key: 'BAD', action: 'reject', problems: [{ field: 'rating' }] });
    const [written] = await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    expect(written!.n).toBe(0);

    const applied = await importFile(file);
    expect(applied.body).toMatchObject({ applied: true, counts: { create: CASES.length, unchanged: 0, reject: 0 } });
    const again = await importFile(file);
    expect(again.body).toMatchObject({ applied: false, counts: { create: 0, unchanged: CASES.length, reject: 0 } });
    const changed = await importFile([{ ...file[1]!, title: 'edited' }]);
    expect(changed.body.rows[0]).toMatchObject({ key: 'H2', action: 'reject', problems: [{ field: 'externalId' }] });
    const unitRule = await importFile(
      [{ ...file[1]!, externalId: 'H-ARRIVED-UNMOVED', units: [{ callsign: 'A', dispatchedAt: file[1]!.receivedAt, onSceneAt: file[1]!.resolvedAt }] }],
      true,
    );
    expect(unitRule.body.rows[0]!.problems).toEqual([
      {
        field: 'units[0].onSceneAt',
        message: expect.stringContaining('dispatched to on_scene'),
        code: 'cannot_step',
        params: { from: 'dispatched', to: 'on_scene' },
      },
    ]);
  });

  it("the same cases as the old system's spreadsheet (Chinese headers, local times, GB18030) are the same cases: unchanged", async () => {
    const sheet = iconv.encode(asSpreadsheet(CASES), 'gb18030');
    const report = await importSheet(sheet, true);
    expect(report.status).toBe(200);
    expect(report.body.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);
    expect(report.body).toMatchObject({ encoding: 'gb18030', counts: { create: 0, unchanged: CASES.length, reject: 0 } });
    // the first row of each case is where the report points
    expect(report.body.rows.slice(0, 2).map((r) => [r.row, r.key])).toEqual([
      [2, 'H1'],
      [3, 'H2'],
    ]);
  });

  it('a spreadsheet with mistakes: every one named with its row and column, nothing written', async () => {
    const rows = asSpreadsheet([
      { ...CASES[1]!, id: 'S-NEW' },
      { ...CASES[0]!, id: 'S-NEW-2' },
    ]).split('\r\n');
    // S-NEW's second unit (row 3) arrived "tomorrow"; S-NEW-2 (row 4) is a P9
    rows[2] = rows[2]!.replace(/,B,([^,]*),([^,]*),([^,]*),([^,]*),/, ',B,$1,$2,$3,明天,');
    rows[3] = rows[3]!.replace(',P1,', ',P9,');
    const before = await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    const report = await importSheet(Buffer.from(rows.join('\r\n'), 'utf8'));
    expect(report.body).toMatchObject({ applied: false, encoding: 'utf-8', counts: { reject: 2 } });
    expect(report.body.rows).toEqual([
      {
        row: 2,
        key: 'S-NEW',
        action: 'reject',
        problems: [
          { field: 'onSceneAt', message: expect.stringMatching(/^row 3: "明天" is not a time/), code: 'not_a_time', params: { row: 3, value: '明天' } },
        ],
      },
      {
        row: 4,
        key: 'S-NEW-2',
        action: 'reject',
        problems: [
          {
            field: 'priority',
            message: expect.stringMatching(/^row 4: must be one of P1, P2, P3, P4/),
            code: 'one_of',
            params: { values: 'P1, P2, P3, P4', row: 4 },
          },
        ],
      },
    ]);
    expect(await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).toEqual(before);
  });

  for (const by of ['priority', 'category', 'grid', 'day'] as const)
    for (const filter of FILTERS)
      it(`response by ${by}${filter.query || ' (no filter)'}: every row and the total as recomputed`, async () => {
        const body = (await api<ResponseReply>(t.app, t.adminToken, 'GET', `/api/analytics/response?${Q}&groupBy=${by}${filter.query}`)).body;
        const kept = FACTS.filter(filter.keep);
        const expected = expectedGroups(by, kept, responseRow);
        expect(rounded(body.rows.map(withoutLabel))).toEqual(rounded([...expected.keys()].sort().map((k) => expected.get(k)!)));
        expect(rounded(withoutLabel(body.total))).toEqual(rounded(responseRow('all', kept)));
      });

  for (const by of ['priority', 'category', 'grid'] as const)
    for (const filter of FILTERS)
      it(`closure by ${by}${filter.query || ' (no filter)'}: 办结率, open, evaluated, false alarms, mediation as recomputed`, async () => {
        const body = (await api<ClosureReply>(t.app, t.adminToken, 'GET', `/api/analytics/closure?${Q}&groupBy=${by}${filter.query}`)).body;
        const kept = FACTS.filter(filter.keep);
        const expected = expectedGroups(by, kept, closureRow);
        const served = new Map(body.rows.map((r) => [r.key, r]));
        expect([...served.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, row] of expected) expect(rounded(served.get(key))).toMatchObject(rounded(row));
        expect(rounded(body.total)).toMatchObject(rounded(closureRow('all', kept)));
      });

  it('the headline figures, worked by hand: 5-minute share, target share, 办结率', async () => {
    const total = (await api<ResponseReply>(t.app, t.adminToken, 'GET', `/api/analytics/response?${Q}&groupBy=priority`)).body.total;
    // received 17 (H9 cancelled); arrived 15; within 300 s: H1 250, H2 180, H3 300, H7 200, H8 290, H11 280, H13 140, H17 120
    // → 8 of 15 (H4 300.4 s is 301 s, H5 700, H6 1900, H10 350, H12 420, H16 330, H18 880 are not)
    expect(total).toMatchObject({ received: 17, excluded: 1, responded: 15, withinFive: 8 });
    // within its priority's target: those 8, plus H5 (P3 700 ≤ 900), H10 (P3 350), H18 (P3 880) → 11
    expect(total.withinTarget).toBe(11);
    const closure = (await api<ClosureReply>(t.app, t.adminToken, 'GET', `/api/analytics/closure?${Q}&groupBy=priority`)).body.total;
    // concluded: 15 resolved + H10 and H15 stood down as false alarms = 17 of 17; false alarms H10, H11, H15
    // evaluated: H1 H2 H3 H5 H7 H8 H12 H13 H17 → 9 of the 15 resolved
    expect(closure).toMatchObject({ received: 17, concluded: 17, closureRate: 1, falseAlarms: 3, resolved: 15, evaluated: 9 });
    // disputes H3 H4 H12 H15 H18: mediated H3 H12 H18 → 3 of 5
    expect(closure).toMatchObject({ disputesReceived: 5, disputesMediated: 3, mediationSuccessRate: 0.6 });
  });

  it('the drill-down lists exactly the cases behind each share', async () => {
    const ids = async (only: string) =>
      (await api<DrilldownReply>(t.app, t.adminToken, 'GET', `/api/analytics/incidents?${Q}&only=${only}&limit=1000`)).body.rows.map((r) => r.id);
    const external = new Map(
      (await t.app.core.db.query<{ id: string; external_id: string }>('SELECT id, external_id FROM incidents')).map((r) => [r.id, r.external_id]),
    );
    const cases = async (only: string) => (await ids(only)).map((id) => external.get(id)).sort();
    const expectCases = (pred: (f: Facts) => boolean) =>
      FACTS.filter((f) => f.received && pred(f))
        .map((f) => f.c.id)
        .sort();
    expect(await cases('withinFive')).toEqual(expectCases((f) => f.withinFive === true));
    expect(await cases('withinTarget')).toEqual(expectCases((f) => f.withinTarget === true));
    expect(await cases('concluded')).toEqual(expectCases((f) => f.concluded));
    expect(await cases('falseAlarms')).toEqual(expectCases((f) => f.falseAlarm));
  });

  it('the CSV is the same rows as the JSON', async () => {
    for (const table of ['response', 'closure'] as const) {
      const url = `/api/analytics/${table}?${Q}&groupBy=category`;
      const json = (await api<ResponseReply | ClosureReply>(t.app, t.adminToken, 'GET', url)).body;
      const res = await t.app.inject({ method: 'GET', url: `${url}&format=csv`, headers: { authorization: `Bearer ${t.adminToken}` } });
      const [header, ...records] = parseCsv(res.body.replace(/^\uFEFF/, ''));
      const rows = json.rows as unknown as Record<string, unknown>[];
      expect(records).toHaveLength(rows.length);
      records.forEach((record, i) =>
        header!.forEach((column, j) => {
          const v = rows[i]![column];
          expect(record[j] === '' ? null : Number.isNaN(Number(record[j])) ? record[j] : Number(record[j])).toEqual(v === null || v === undefined ? null : v);
        }),
      );
    }
  });
});
