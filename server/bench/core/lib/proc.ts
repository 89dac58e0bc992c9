import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A bench process (server, clients or load driver) run as a forked child and
 * driven by request/reply messages over IPC. Children inherit tsx's loader
 * flags from process.execArgv, so they run the TypeScript sources directly.
 */
export interface BenchProcess {
  readonly name: string;
  readonly pid: number;
  call<T = unknown>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, then kills it (by its pid) if it has not within the timeout. */
  stop(timeoutMs?: number): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export async function startProcess(
  name: string,
  moduleUrl: URL,
  options: { extraExecArgv?: string[]; env?: Record<string, string> } = {},
): Promise<BenchProcess> {
  const child: ChildProcess = fork(fileURLToPath(moduleUrl), [name], {
    execArgv: [...process.execArgv, ...(options.extraExecArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, ...options.env },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.on('message', (msg: Reply | { ready: true }) => {
    if ('ready' in msg) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(`${name}: ${msg.error}`));
  });
  void exitPromise.then(() => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${name} exited`));
    }
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: { ready?: boolean }) => {
      if (msg.ready) {
        child.off('message', onMessage);
        resolve();
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${name} exited during start (code ${code})`)));
  });
  return {
    name,
    pid: child.pid!,
    call<T>(cmd: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${name} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}.${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ id, cmd, args });
      });
    },
    async stop(timeoutMs = 15_000) {
      if (exited) return;
      child.send({ id: 0, cmd: '__exit' });
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, timeoutMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (args: never) => unknown>;

/** Child side: answer the parent's calls; exit when asked or when the parent goes away. */
export function serveCalls(handlers: Handlers, onExit: () => Promise<void> = async () => {}): void {
  let exiting = false;
  const exit = async () => {
    if (exiting) return;
    exiting = true;
    await Promise.race([onExit().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    process.exit(0);
  };
  process.on('disconnect', () => void exit());
  process.on('message', (msg: { id: number; cmd: string; args: unknown }) => {
    if (msg.cmd === '__exit') return void exit();
    const handler = handlers[msg.cmd] as ((args: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${msg.cmd}`);
        return handler(msg.args);
      })
      .then(
        (result) => process.send?.({ id: msg.id, ok: true, result }),
        (err: unknown) => process.send?.({ id: msg.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  process.send?.({ ready: true });
}
