/**
 * A redis-server of our own on a port of its own, for drills that stop and
 * restart Redis (never the shared one on 6379). Started as our child, killed by
 * its pid; no persistence, like a cache node that comes back empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from './free-port.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class OwnRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  /** (Re)starts the server on the same port and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('redis is running');
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    while (!(await ping(this.port))) {
      if (Date.now() > until) throw new Error(`redis on ${this.port} did not start`);
      await sleep(50);
    }
  }

  /** The outage: SIGKILL, as a crashed node or a pulled cable looks to clients. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
