import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Database, Queryable } from '../../../src/db/database.js';

/**
 * Prototype: the Database interface over PGlite running in a worker thread.
 * PGlite executes statements synchronously on the thread that owns it; in the
 * server's thread a 600-row position flush blocks the event loop for ~90 ms.
 * Here the main thread only posts messages. One connection as before: a
 * promise-chain lock keeps a transaction's statements together (BEGIN … COMMIT
 * on the one session), exactly what PGlite.transaction does internally.
 */
export async function createPgliteWorkerDatabase(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (rows: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { ready?: boolean }) => (m.ready ? resolve() : reject(new Error('pglite worker did not start'))));
  });
  worker.on('message', (m: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else p.resolve(m.rows);
  });
  const raw = <R>(op: 'query' | 'exec' | 'close', sql?: string, params?: readonly unknown[]): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (rows: unknown) => void, reject });
      worker.postMessage({ id, op, sql, params });
    });

  let chain: Promise<unknown> = Promise.resolve();
  const locked = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const inside: Queryable = { query: <R extends object>(sql: string, params?: readonly unknown[]) => raw<R[]>('query', sql, params) };

  return {
    driver: 'pglite',
    query: <R extends object>(sql: string, params?: readonly unknown[]) => locked(() => raw<R[]>('query', sql, params)),
    tx: <T>(fn: (q: Queryable) => Promise<T>) =>
      locked(async () => {
        await raw('query', 'BEGIN');
        try {
          const result = await fn(inside);
          await raw('query', 'COMMIT');
          return result;
        } catch (err) {
          await raw('query', 'ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    exec: (sql: string) => locked(() => raw<void>('exec', sql)),
    async close() {
      await locked(() => raw<void>('close'));
      await worker.terminate();
    },
  };
}
