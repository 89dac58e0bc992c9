/**
 * One Lianfang server as a real OS process (src/server.ts, run from source by
 * the same tsx loader as the caller), so that a drill can kill -9 it and a
 * profile sees only it. Logs go to a file next to the cluster's other files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../../../src/server.ts', import.meta.url));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class ServerInstance {
  private child: ChildProcess | undefined;

  /**
   * `execArgv`: how to run TypeScript; the caller's own flags by default (it runs under tsx). A test
   * runner's process has none, so it passes ['--import', 'tsx', '--conditions=lianfang-src'].
   */
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly dir: string,
    private readonly options: { cpuProfDir?: string; execArgv?: string[] } = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const log = openSync(join(this.dir, `${this.name}.log`), 'a');
    const prof = this.options.cpuProfDir;
    const execArgv = [
      ...(this.options.execArgv ?? process.execArgv),
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${this.name}.cpuprofile`] : []),
    ];
    this.child = spawn(process.execPath, [...execArgv, SERVER_ENTRY], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: join(this.dir, this.name) },
      stdio: ['ignore', log, log],
    });
    const until = Date.now() + timeoutMs;
    while (!(await this.ready())) {
      if (!this.running) throw new Error(`${this.name} exited during start; see ${join(this.dir, `${this.name}.log`)}`);
      if (Date.now() > until) throw new Error(`${this.name} not ready within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** GET /readyz: the body when it answered (200 or 503), null when the process does not answer. */
  async readyz(): Promise<{ status: string; database: boolean; eventLog: boolean; seq: number } | null> {
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(3000) });
      return (await res.json()) as { status: string; database: boolean; eventLog: boolean; seq: number };
    } catch {
      return null;
    }
  }

  async ready(): Promise<boolean> {
    return (await this.readyz())?.status === 'ready';
  }

  /** Resident memory of the server process, from /proc (MB). */
  rssMb(): number {
    if (!this.child?.pid) return Number.NaN;
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  }

  /** The fault: SIGKILL, no graceful close (buffered positions are lost; committed alerts are not). */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Graceful stop (SIGTERM: flush and close), SIGKILL after the timeout. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.running) child.kill('SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}
