import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { loadConfig } from '../../src/config.js';
import { UnknownCredentialGuard, credentialRef } from '../../src/transport/http/ingest/unknown-credential-guard.js';
import { createGateway, postAlert } from '../helpers/fixtures.js';
import { ADMIN_PASSWORD, login } from '../helpers/test-app.js';

/**
 * Issue #14 finding 11c: unknown tracker ids and device keys were neither limited per
 * address nor quiet in the log (a line each, with the secret in it).
 */
describe('unknown tracker ids and device keys', () => {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lf-unknown-'));
  let app: Awaited<ReturnType<typeof buildApp>>;
  let adminToken = '';
  beforeAll(async () => {
    const config = loadConfig(
      {},
      { PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dir, ADMIN_PASSWORD, INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND: 3, ANALYTICS_PREWARM_SECONDS: 0 },
    );
    app = await buildApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
    await bootstrapAdmin(app);
    adminToken = await login(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fix = (id: string, remoteAddress = '198.51.100.1') =>
    app.inject({ method: 'GET', url: `/ingest/osmand?id=${id}&lat=31.2&lon=121.4&timestamp=${Math.floor(Date.now() / 1000)}`, remoteAddress });
  const linesAbout = (what: string) => lines.filter((l) => l.includes(what));

  it('refuses an address guessing tracker ids with 429, logs the guessed id once and only by a hash', async () => {
    const secret = 'secret-tracker-7f3a9c';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fix(secret)).statusCode);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const refused = await fix('other-id');
    expect(refused.headers['retry-after']).toBe('1');
    expect(linesAbout('unknown tracker id')).toHaveLength(1);
    expect(linesAbout(credentialRef(secret))).toHaveLength(1);
    expect(lines.some((l) => l.includes(secret))).toBe(false);
    // another address is not held up by this one
    expect((await fix('someone-elses-id', '198.51.100.2')).statusCode).toBe(400);
  });

  it('refuses an address guessing device keys with 429 before the lookup, and never logs a key', async () => {
    const gateway = await createGateway(app, adminToken, 'unknown-gw', { lat: 31.2, lon: 121.4 });
    const guess = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/ingest/alerts',
        remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${key}` },
        payload: { kind: 'sos' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess(`guessed-key-${i}-abcdef`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(linesAbout('unknown device key')).toHaveLength(3);
    expect(lines.some((l) => l.includes('guessed-key-'))).toBe(false);
    // the real gateway, from its own address, is not affected
    expect((await postAlert(app, gateway.key, { kind: 'sos' })).status).toBe(202);
  });
});

describe('UnknownCredentialGuard', () => {
  it('logs an id at most once per interval, then says how many lines it stood for', () => {
    const logged: object[] = [];
    const log = { warn: (details: object) => void logged.push(details) };
    const guard = new UnknownCredentialGuard({ what: 'tracker id', perAddressPerSecond: 1000, logIntervalMs: 60_000 });
    for (let s = 0; s < 10; s++) guard.recordUnknown('192.0.2.1', 'tracker-a', log, 1_000_000 + s * 1000);
    expect(logged).toEqual([{ ref: credentialRef('tracker-a'), ip: '192.0.2.1', suppressedSinceLast: 0 }]);
    guard.recordUnknown('192.0.2.1', 'tracker-a', log, 1_000_000 + 61_000);
    expect(logged[1]).toMatchObject({ ref: credentialRef('tracker-a'), suppressedSinceLast: 9 });
  });

  it('counts failures per address within one second', () => {
    const guard = new UnknownCredentialGuard({ what: 'device key', perAddressPerSecond: 2 });
    const log = { warn: () => undefined };
    const t0 = 5_000_000;
    guard.recordUnknown('a', 'k1', log, t0);
    guard.recordUnknown('a', 'k2', log, t0 + 10);
    expect(() => guard.checkAddress('a', t0 + 20)).toThrow(/too many unknown device keys/);
    expect(() => guard.checkAddress('b', t0 + 20)).not.toThrow();
    expect(() => guard.checkAddress('a', t0 + 1000)).not.toThrow();
  });
});
