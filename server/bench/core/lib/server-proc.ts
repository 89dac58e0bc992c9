/**
 * The server under test, in its own process so its CPU time and event loop are
 * its own: Lianfang itself, or one of the bare baselines (a `ws` server that
 * broadcasts, a Fastify route that answers 'OK'). Driven over IPC (proc.ts).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocketServer, WebSocket } from 'ws';
import type { Config } from '../../../src/config.js';
import type { Queryable } from '../../../src/db/database.js';
import type { Position } from '@lianfang/shared';
import { encodePositionRows } from '@lianfang/shared';
import { OPS_ROOM } from '../../../src/transport/socket/broadcaster.js';
import { createPgliteWorkerDatabase } from './pglite-worker-database.js';
import { createGateway, createKeyAreas, createUnits, startLianfang, type BenchServer } from './lianfang-server.js';
import { serveCalls } from './proc.js';
import { nowMs, round, sleep } from './stats.js';

type Kind = 'lianfang' | 'ws' | 'fastify';

let lianfang: BenchServer | undefined;
let wss: WebSocketServer | undefined;
let bare: FastifyInstance | undefined;
let eld: IntervalHistogram | undefined;

let pgDatabase: string | undefined;
const PG_ADMIN_URL = process.env.LF_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh PostgreSQL database for one bench server (the `postgres` variant), dropped on close. */
async function createPgDatabase(): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  pgDatabase = `lf_bench_${process.pid}_${Date.now()}`;
  await client.query(`CREATE DATABASE ${pgDatabase}`);
  await client.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${pgDatabase}`;
  return url.href;
}

async function dropPgDatabase(): Promise<void> {
  if (!pgDatabase) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  await client.end();
  pgDatabase = undefined;
}

async function start(args: {
  kind: Kind;
  config?: Partial<Config>;
  db?: 'default' | 'worker' | 'postgres';
}): Promise<{ port: number; token?: string; pid: number }> {
  const kind = args.kind;
  if (kind === 'lianfang') {
    const config = args.db === 'postgres' ? { ...args.config, DATABASE_URL: await createPgDatabase() } : args.config;
    lianfang = await startLianfang(config, args.db === 'worker' ? createPgliteWorkerDatabase : undefined);
    return { port: lianfang.port, token: lianfang.token, pid: process.pid };
  }
  if (kind === 'ws') {
    // The bare floor: no protocol, no rooms, no per-message deflate (Socket.IO's default too).
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => wss!.once('listening', () => resolve()));
    return { port: (wss.address() as { port: number }).port, pid: process.pid };
  }
  // The bare ingest floor: same Fastify, one route that parses the same query and says OK.
  bare = Fastify({ logger: false });
  bare.get('/ingest/osmand', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const lat = Number(q.lat);
    const lon = Number(q.lon);
    const ts = Number(q.timestamp);
    if (!q.id || !Number.isFinite(lat) || !Number.isFinite(lon) || !Number.isFinite(ts)) return reply.status(400).send('bad fix');
    return 'OK';
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const address = bare.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, pid: process.pid };
}

async function setup(args: { units: number; gateway: boolean; keyAreas?: number }): Promise<{ trackerIds: string[]; gatewayKey?: string; ms: number }> {
  if (!lianfang) throw new Error('not a lianfang server');
  const started = nowMs();
  const trackerIds = await createUnits(lianfang, args.units);
  if (args.keyAreas) await createKeyAreas(lianfang, args.keyAreas);
  const gatewayKey = args.gateway ? await createGateway(lianfang, 'bench gateway') : undefined;
  await lianfang.app.core.settle();
  return { trackerIds, ...(gatewayKey ? { gatewayKey } : {}), ms: round(nowMs() - started) };
}

/**
 * Broadcasts `gapsMs.length` copies of a sample message, one after each gap,
 * each with a fresh id in place of the sample's: through bare `ws` (the frame
 * text to every open client) or through Socket.IO's room emit (no HTTP, no DB).
 */
async function broadcast(args: { frame: string; sampleId: string; gapsMs: number[] }): Promise<{ id: string; t0: number; t1: number; recipients: number }[]> {
  const sent: { id: string; t0: number; t1: number; recipients: number }[] = [];
  const parsed = JSON.parse(args.frame.slice(2)) as [string, { alert: { id: string } }];
  const start = nowMs();
  let at = 0;
  for (const gap of args.gapsMs) {
    at += gap;
    const wait = start + at - nowMs();
    if (wait > 0) await sleep(wait);
    const id = randomUUID();
    const t0 = nowMs();
    let recipients = 0;
    if (wss) {
      const data = Buffer.from(args.frame.replace(args.sampleId, id));
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) {
          client.send(data, { binary: false });
          recipients++;
        }
      }
    } else if (lianfang) {
      const payload = { ...parsed[1], alert: { ...parsed[1].alert, id } };
      (lianfang.app.io.to(OPS_ROOM).emit as (e: string, p: unknown) => void)(parsed[0], payload);
      recipients = lianfang.app.io.engine.clientsCount;
    }
    sent.push({ id, t0, t1: nowMs(), recipients });
  }
  return sent;
}

let stream: NodeJS.Timeout | undefined;

/**
 * Bare-ws floor under the same position traffic: every intervalMs, a
 * `unit:positions` frame of `positions` synthetic fixes (the shape and size
 * Lianfang sends) to every client, as a plain loop of ws.send.
 */
function streamStart(args: { positions: number; intervalMs: number }): { frameBytes: number } {
  const now = Date.now();
  const positions = Array.from({ length: args.positions }, (_, i) => ({
    unitId: randomUUID(),
    lat: 31.2 + i * 1e-4,
    lon: 121.45 + i * 1e-4,
    speedKmh: 9.26,
    heading: 90,
    accuracyM: null,
    altitudeM: null,
    battery: null,
    deviceTime: new Date(now).toISOString(),
    serverTime: new Date(now).toISOString(),
    flags: [] as Position['flags'],
  }));
  let seq = 1_000_000;
  // The same compact rows Lianfang puts on the wire.
  const frame = () => `42${JSON.stringify(['unit:positions', { seq, fromSeq: seq, ...encodePositionRows(positions) }])}`;
  const frameBytes = Buffer.byteLength(frame());
  stream = setInterval(() => {
    seq++;
    const data = Buffer.from(frame());
    for (const client of wss?.clients ?? []) if (client.readyState === WebSocket.OPEN) client.send(data, { binary: false });
  }, args.intervalMs);
  return { frameBytes };
}

function streamStop(): void {
  if (stream) clearInterval(stream);
  stream = undefined;
}

function cpu(): { userUs: number; systemUs: number; at: number } {
  const u = process.cpuUsage();
  return { userUs: u.user, systemUs: u.system, at: nowMs() };
}

function eldStart(args: { resolutionMs?: number } = {}): void {
  eld?.disable();
  eld = monitorEventLoopDelay({ resolution: args.resolutionMs ?? 5 });
  eld.enable();
}

function eldStop(): { p50: number; p99: number; max: number; mean: number } {
  if (!eld) throw new Error('eld not started');
  eld.disable();
  const ms = (ns: number) => round(ns / 1e6);
  const out = { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max), mean: ms(eld.mean) };
  eld = undefined;
  return out;
}

async function metric(args: { name: string }): Promise<number> {
  if (!lianfang) return Number.NaN;
  const found = await lianfang.app.core.metrics.registry.getSingleMetric(args.name)?.get();
  return (found?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

function clients(): number {
  if (wss) return wss.clients.size;
  if (lianfang) return lianfang.app.io.engine.clientsCount;
  return 0;
}

async function settle(): Promise<void> {
  await lianfang?.app.core.settle();
}

async function close(): Promise<void> {
  eld?.disable();
  streamStop();
  if (lianfang) await lianfang.close();
  if (wss) {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss!.close(() => resolve()));
  }
  if (bare) await bare.close();
  await dropPgDatabase().catch(() => {});
  lianfang = undefined;
  wss = undefined;
  bare = undefined;
}

let profiler: Session | undefined;

/** V8 CPU profile of just the measured window (not the setup), written as a .cpuprofile file. */
async function profileStart(args: { samplingUs?: number } = {}): Promise<void> {
  profiler = new Session();
  profiler.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => profiler!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: args.samplingUs ?? 500 });
  await post('Profiler.start');
}

async function profileStop(args: { file: string }): Promise<string> {
  if (!profiler) throw new Error('profiler not started');
  const session = profiler;
  const res = await new Promise<{ profile: object }>((resolve, reject) =>
    session.post('Profiler.stop', (err, r) => (err ? reject(err) : resolve(r as { profile: object }))),
  );
  session.disconnect();
  profiler = undefined;
  writeFileSync(args.file, JSON.stringify(res.profile));
  return args.file;
}

const queryTimes = new Map<string, { n: number; ms: number; maxMs: number }>();

/**
 * Diagnostic: time every SQL statement by its first words (the database object
 * is shared by every repository, so wrapping its methods here sees them all).
 * With PGlite a statement runs synchronously on the event loop, so a statement
 * inside a transaction is CPU time; one outside may include waiting for the lock.
 */
function traceQueries(): void {
  if (!lianfang) throw new Error('not a lianfang server');
  const db = lianfang.app.core.db as unknown as { query: Queryable['query']; tx: (fn: (q: Queryable) => Promise<unknown>) => Promise<unknown> };
  const timed = (q: Queryable, inTx: boolean): Queryable => ({
    async query(sql, params) {
      const started = nowMs();
      try {
        return await q.query(sql, params);
      } finally {
        const key = `${inTx ? 'tx ' : ''}${sql.replace(/\s+/g, ' ').trim().slice(0, 70)}`;
        const ms = nowMs() - started;
        const hit = queryTimes.get(key) ?? { n: 0, ms: 0, maxMs: 0 };
        hit.n++;
        hit.ms += ms;
        hit.maxMs = Math.max(hit.maxMs, ms);
        queryTimes.set(key, hit);
      }
    },
  });
  const plain = { query: db.query.bind(db) };
  const tx = db.tx.bind(db);
  db.query = timed(plain, false).query;
  db.tx = (fn) => {
    const started = nowMs();
    return tx((q) => fn(timed(q, true))).finally(() => {
      const hit = queryTimes.get('(whole transaction)') ?? { n: 0, ms: 0, maxMs: 0 };
      const ms = nowMs() - started;
      hit.n++;
      hit.ms += ms;
      hit.maxMs = Math.max(hit.maxMs, ms);
      queryTimes.set('(whole transaction)', hit);
    });
  };
}

function queryStats(args: { reset?: boolean } = {}) {
  const rows = [...queryTimes.entries()]
    .map(([sql, t]) => ({ sql, n: t.n, totalMs: round(t.ms), meanMs: round(t.ms / t.n, 3), maxMs: round(t.maxMs) }))
    .sort((a, b) => b.totalMs - a.totalMs);
  if (args.reset) queryTimes.clear();
  return rows;
}

serveCalls(
  {
    streamStart,
    streamStop,
    traceQueries,
    queryStats,
    profileStart,
    profileStop,
    start,
    setup,
    broadcast,
    cpu,
    eldStart,
    eldStop,
    metric,
    clients,
    settle,
    close,
  },
  close,
);
