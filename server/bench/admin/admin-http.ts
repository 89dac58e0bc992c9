import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import { makePgliteTemplate } from '../../test/helpers/pglite-template.js';
import { startLianfang, type BenchServer } from '../core/lib/lianfang-server.js';
import { nowMs } from '../core/lib/stats.js';

/**
 * A fresh server for each measure, as an administrator meets it: PGlite copied from one migrated
 * template (a new PGlite costs an initdb of ≈ 5 s; the copy 0.1 s), an admin logged in, reached
 * over real HTTP on loopback (what the console's browser does), not through app.inject.
 */
export interface AdminServer {
  base: string;
  token: string;
  server: BenchServer;
  close(): Promise<void>;
}

let template: Promise<string> | undefined;

export async function startAdminServer(overrides: Partial<Config> = {}): Promise<AdminServer> {
  template ??= makePgliteTemplate();
  const from = join(await template, 'pglite');
  const server = await startLianfang({ ANALYTICS_PREWARM_SECONDS: 0, ...overrides }, async (path) => {
    cpSync(from, path, { recursive: true });
    return createPgliteDatabase(path);
  });
  return { base: `http://127.0.0.1:${server.port}`, token: server.token, server, close: () => server.close() };
}

/** Removes the template (once, at the end of a run). */
export async function dropTemplate(): Promise<void> {
  if (template) rmSync(await template, { recursive: true, force: true });
  template = undefined;
}

export interface Sent<T> {
  ms: number;
  status: number;
  body: T;
  bytes: number;
}

/** One request, timed from send to the whole answer read (JSON parsed, or a zip's bytes). */
export async function send<T = unknown>(
  s: AdminServer,
  method: 'GET' | 'POST',
  path: string,
  body?: { json: unknown } | { bytes: Buffer; type: string },
): Promise<Sent<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${s.token}` };
  let payload: string | Buffer | undefined;
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['content-type'] = body.type;
    payload = body.bytes;
  }
  const t = nowMs();
  const res = await fetch(`${s.base}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const raw = Buffer.from(await res.arrayBuffer());
  const parsed = (isJson ? JSON.parse(raw.toString('utf8')) : raw) as T;
  return { ms: nowMs() - t, status: res.status, body: parsed, bytes: raw.length };
}

/** The same request, refused loudly when the status is not the one expected (a bench never times an error). */
export async function sendOk<T = unknown>(
  s: AdminServer,
  method: 'GET' | 'POST',
  path: string,
  body?: { json: unknown } | { bytes: Buffer; type: string },
  expected = 200,
): Promise<Sent<T>> {
  const r = await send<T>(s, method, path, body);
  if (r.status !== expected) throw new Error(`${method} ${path}: ${r.status} ${Buffer.isBuffer(r.body) ? '' : JSON.stringify(r.body).slice(0, 500)}`);
  return r;
}
