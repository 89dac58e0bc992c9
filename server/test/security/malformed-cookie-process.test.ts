import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Issue 14, finding 1: a session cookie with bad percent-encoding threw URIError in the socket
// handshake and ended the process. In-process tests may not see an exit, so this runs the real
// server entry in a child process and checks it is still alive after each attempt.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BAD_COOKIE = 'lf_session=%E0%A4%A';

describe('a malformed session cookie on the socket handshake', () => {
  let child: ChildProcess;
  let base = '';
  let exited: number | null | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'lf-proc-'));

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=lianfang-src', 'server/src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        ADMIN_PASSWORD: 'proc-admin-password',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        REDIS_URL: '',
        DEMO: 'false',
        ANALYTICS_PREWARM_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('exit', (code) => {
      exited = code;
    });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 50_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const port = /http:\/\/localhost:(\d+)\//.exec(out)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited ${code} before listening: ${out}`));
      });
    });
  });
  afterAll(async () => {
    if (exited === undefined) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const stillUp = async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(exited, 'the server process exited').toBeUndefined();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  };

  it('over long polling: the connect packet is refused, the process lives', async () => {
    const open = await fetch(`${base}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: BAD_COOKIE } });
    expect(open.status).toBe(200);
    const sid = (JSON.parse((await open.text()).slice(1)) as { sid: string }).sid;
    const connect = await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      body: '40',
      headers: { cookie: BAD_COOKIE, 'content-type': 'text/plain' },
    });
    expect(connect.status).toBe(200);
    const reply = await (await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { headers: { cookie: BAD_COOKIE } })).text();
    expect(reply).toContain('unauthorized');
    await stillUp();
  });

  it('over a websocket: the connect packet is refused, the process lives', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie: BAD_COOKIE } });
    const frames: string[] = [];
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      frames.push(text);
      if (text.startsWith('0{')) ws.send('40');
      if (text.startsWith('44')) ws.close();
    });
    await new Promise<void>((resolve) => {
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
      setTimeout(() => {
        ws.close();
        resolve();
      }, 3000);
    });
    expect(frames.some((f) => f.startsWith('44') && f.includes('unauthorized'))).toBe(true);
    await stillUp();
  });
});
