// PGlite on its own thread: statements run here, off the server's event loop.
// Plain JS so the worker needs no TypeScript loader. (Prototype for the
// "PGlite in a worker thread" proposal in docs/performance-core.md.)
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dataDir, {
  parsers: { [types.INT8]: (v) => Number(v), [types.NUMERIC]: (v) => Number(v) },
});

parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    if (op === 'query') {
      const res = await db.query(sql, params);
      parentPort.postMessage({ id, rows: res.rows });
    } else if (op === 'exec') {
      await db.exec(sql);
      parentPort.postMessage({ id });
    } else if (op === 'close') {
      await db.close();
      parentPort.postMessage({ id });
    }
  } catch (err) {
    parentPort.postMessage({ id, error: { message: err?.message ?? String(err), code: err?.code, detail: err?.detail } });
  }
});
parentPort.postMessage({ ready: true });
