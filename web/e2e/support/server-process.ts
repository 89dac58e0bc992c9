import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { seedPgliteDataDir } from '../../../server/test/helpers/pglite-template';
import { SERVER_DIR } from './paths';

export interface RunningServer {
  baseUrl: string;
  adminPassword: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the real server (embedded PGlite, demo city) as a child process serving the built web app in `webDist`. */
export async function startServer(webDist: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-e2e-'));
  if (!env.DATABASE_URL) seedPgliteDataDir(dataDir, inject('pgliteTemplate'));
  const adminPassword = 'e2e-admin-pass';
  let log = '';
  const child: ChildProcess = spawn('npx', ['tsx', '--conditions=lianfang-src', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: adminPassword,
      DEMO: '1',
      // The demo city without its living part (calls, crews answering, the demo's desk, the 90-day past):
      // a test drives every incident itself and must not find one dispatched or hidden by the demo.
      DEMO_LOOP: 'false',
      DEMO_CALL_EVERY_SECONDS: '0',
      DEMO_HISTORY_DAYS: '0',
      WEB_DIST: webDist,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stop() ends npx, tsx and node together.
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${log}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    // The demo seeds its city right after listen: wait until the wall has something to show.
    if (ready && log.includes('is running')) return { baseUrl, adminPassword, output: () => log, stop };
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`server did not become ready:\n${log}`);
}
