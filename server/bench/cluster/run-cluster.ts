/**
 * The process-level scale-out deployment on this machine, for trying things by
 * hand: PostgreSQL and Redis of its own (free ports, temp files), N instances,
 * and the load balancer on --port. Stops on Ctrl-C, or after --minutes.
 *
 *   infra/local/cluster.sh [--instances=2] [--port=8080] [--minutes=60]
 */
import { cliOptions, isMain } from '../core/lib/stats.js';
import { Cluster, CLUSTER_ADMIN_PASSWORD } from './cluster.js';
import { startLoadBalancer } from '../../test/helpers/cluster/load-balancer.js';

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const cluster = await Cluster.start({ instances: Number(o.instances ?? 2) });
  // The cluster's own balancer listens on a random port; offer the chosen one too.
  const front = await startLoadBalancer(cluster.lb.backends, Number(o.port ?? 8080));
  console.log(
    [
      `Lianfang: ${cluster.servers.length} instance(s) behind http://127.0.0.1:${front.port}/ (login admin / ${CLUSTER_ADMIN_PASSWORD})`,
      ...cluster.servers.map((s) => `  ${s.name}: ${s.url} (pid ${s.pid})`),
      `  PostgreSQL: ${cluster.databaseUrl}   Redis: ${cluster.redis.url}   logs: ${cluster.dir}`,
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await front.close();
    await cluster.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
  setTimeout(() => void stop(), Number(o.minutes ?? 60) * 60_000);
}
