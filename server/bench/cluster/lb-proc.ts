/**
 * The load balancer in a process of its own (so that its CPU is its own and
 * the runner's work does not slow the traffic it forwards). Driven over IPC.
 */
import { serveCalls } from '../core/lib/proc.js';
import { startLoadBalancer, type Backend, type LoadBalancer } from '../../test/helpers/cluster/load-balancer.js';

let lb: LoadBalancer | undefined;

serveCalls(
  {
    start: async (args: { backends: Backend[]; port?: number }) => {
      lb = await startLoadBalancer(args.backends, args.port ?? 0);
      return { port: lb.port };
    },
    close: async () => {
      await lb?.close();
      lb = undefined;
    },
  },
  async () => {
    await lb?.close();
  },
);
