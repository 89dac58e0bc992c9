/**
 * The local cluster's load balancer as a command (round-robin, HTTP + WebSocket upgrade):
 *   npx tsx bench/cluster/load-balancer.ts --backends=127.0.0.1:8081,127.0.0.1:8082 --port=8080
 * The balancer itself is test support (the fault tests run it in process).
 */
import { startLoadBalancer } from '../../test/helpers/cluster/load-balancer.js';
import { isMain } from '../core/lib/stats.js';

if (isMain(import.meta.url)) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const lb = await startLoadBalancer(arg('backends') ?? '', Number(arg('port') ?? 8080));
  console.log(`load balancer on http://127.0.0.1:${lb.port} → ${lb.backends.map((b) => `${b.host}:${b.port}`).join(', ')}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void lb.close().then(() => process.exit(0)));
}
