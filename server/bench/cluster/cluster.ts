/**
 * The scale-out deployment on one machine, as processes: a PostgreSQL cluster
 * and a redis-server of our own (other ports; the shared ones are never
 * touched), N Lianfang instances, and the load balancer in front of them.
 * Used by the load runner, the fault drills and infra/local/cluster.sh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../test/helpers/cluster/free-port.js';
import { startProcess } from '../core/lib/proc.js';
import type { Backend, LoadBalancer } from '../../test/helpers/cluster/load-balancer.js';
import { OwnPostgres } from '../../test/helpers/cluster/own-postgres.js';
import { OwnRedis } from '../../test/helpers/cluster/own-redis.js';
import { ServerInstance } from '../../test/helpers/cluster/server-instance.js';

export const CLUSTER_ADMIN_PASSWORD = 'cluster-admin-password';

export interface ClusterOptions {
  instances: number;
  /** Extra server environment (e.g. ALERT_DEDUPE_SECONDS). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile per instance here (written when the instance stops gracefully). */
  cpuProfDir?: string;
  /** Keep the files (logs, database) after stop, for a post-mortem. */
  keep?: boolean;
}

const LB_PROC = new URL('./lb-proc.ts', import.meta.url);

/** The balancer as its own process; `pid` lets the load runner count its CPU. */
async function startBalancerProcess(backends: Backend[]): Promise<LoadBalancer & { pid: number }> {
  const proc = await startProcess('load-balancer', LB_PROC);
  // The OS picks the port, unless LF_PORTS names a range to stay in (then freePort does).
  const { port } = await proc.call<{ port: number }>('start', { backends, ...(process.env.LF_PORTS ? { port: await freePort() } : {}) });
  return {
    port,
    backends,
    pid: proc.pid,
    close: async () => {
      await proc.call('close').catch(() => {});
      await proc.stop();
    },
  };
}

export class Cluster {
  private constructor(
    readonly dir: string,
    readonly postgres: OwnPostgres,
    readonly redis: OwnRedis,
    readonly servers: ServerInstance[],
    readonly lb: LoadBalancer & { pid: number },
    private readonly keep: boolean,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.lb.port}`;
  }

  get databaseUrl(): string {
    return this.postgres.url('lianfang');
  }

  static async start(options: ClusterOptions): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'lf-cluster-'));
    const postgres = await OwnPostgres.start();
    const redis = await OwnRedis.start().catch((err: unknown) => {
      postgres.destroy();
      throw err;
    });
    const servers: ServerInstance[] = [];
    let lb: (LoadBalancer & { pid: number }) | undefined;
    try {
      const admin = new pg.Client({ connectionString: postgres.url() });
      await admin.connect();
      await admin.query('CREATE DATABASE lianfang');
      await admin.end();
      const env = {
        DATABASE_URL: postgres.url('lianfang'),
        REDIS_URL: redis.url,
        REDIS_PREFIX: 'lf:',
        ADMIN_PASSWORD: CLUSTER_ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
        INGEST_RATE_PER_SECOND: '1000000',
        LOGIN_RATE_PER_MINUTE: '100000',
        LOGIN_RATE_PER_ADDRESS_PER_MINUTE: '100000',
        INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND: '1000000',
        // the balancer (load-balancer.ts) sets X-Forwarded-For to the client's address: believe the one hop in front
        TRUST_PROXY: '1',
        ...options.env,
      };
      for (let i = 0; i < options.instances; i++)
        servers.push(new ServerInstance(`server-${i + 1}`, await freePort(), env, dir, options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}));
      // The first one migrates the database alone; the others then start together.
      await servers[0]!.start();
      await Promise.all(servers.slice(1).map((s) => s.start()));
      lb = await startBalancerProcess(servers.map((s) => ({ host: '127.0.0.1', port: s.port, downUntil: 0 })));
      return new Cluster(dir, postgres, redis, servers, lb, options.keep ?? false);
    } catch (err) {
      await Promise.all(servers.map((s) => s.stop()));
      await redis.stop();
      postgres.destroy();
      throw err;
    }
  }

  /** Waits until every running instance reports ready (or the time is up); returns how long it took, or null. */
  async untilReady(timeoutMs = 60_000): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const states = await Promise.all(this.servers.filter((s) => s.running).map((s) => s.ready()));
      if (states.every(Boolean)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }

  /** The highest seq any running instance has applied. */
  async headSeq(): Promise<number> {
    const seqs = await Promise.all(this.servers.filter((s) => s.running).map(async (s) => (await s.readyz())?.seq ?? 0));
    return Math.max(0, ...seqs);
  }

  async stop(): Promise<void> {
    await this.lb.close();
    await Promise.all(this.servers.map((s) => s.stop()));
    await this.redis.stop();
    this.postgres.destroy();
    if (!this.keep) rmSync(this.dir, { recursive: true, force: true });
  }
}
