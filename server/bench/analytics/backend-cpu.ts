import { readFileSync } from 'node:fs';
import type { Queryable } from '../../src/db/database.js';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU time the PostgreSQL backend serving this connection has used so far (ms),
 * read from /proc (the database runs on this machine). On a shared, loaded
 * machine the wall time of a query includes waiting for a core; this does not,
 * so it is the figure that compares between runs. Resolution 10 ms. Null where
 * /proc cannot be read (another machine, another OS).
 */
export async function backendCpuMs(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${row!.pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
