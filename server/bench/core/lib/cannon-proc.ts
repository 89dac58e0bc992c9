/**
 * The ingest load driver (autocannon, closed loop on keep-alive connections),
 * in its own process. Every request is a new fix: tracker ids round-robin and
 * each tracker's timestamp advances by 1 ms per round, so Lianfang accepts
 * every one (never a duplicate or out-of-order drop).
 */
import autocannon from 'autocannon';
import { serveCalls } from './proc.js';
import { round } from './stats.js';

async function run(args: {
  url: string;
  trackerIds: string[];
  connections: number;
  durationS: number;
  startTs: number;
  pipelining?: number;
  overallRate?: number;
}) {
  const n = args.trackerIds.length;
  let k = 0;
  const result = await autocannon({
    url: args.url,
    connections: args.connections,
    pipelining: args.pipelining ?? 1,
    duration: args.durationS,
    timeout: 10,
    ...(args.overallRate ? { overallRate: args.overallRate } : {}),
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const i = k % n;
          const r = Math.floor(k / n);
          k++;
          const lat = (31.2 + (i % 50) * 0.002 + r * 0.00001).toFixed(6);
          const lon = (121.45 + Math.floor(i / 50) * 0.002 + r * 0.00001).toFixed(6);
          return { ...req, path: `/ingest/osmand?id=${args.trackerIds[i]}&lat=${lat}&lon=${lon}&timestamp=${args.startTs + r}&speed=5&bearing=90` };
        },
      },
    ],
  });
  return {
    requestsPerSecond: round(result.requests.average),
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: round(result.duration),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: round(result.latency.mean) },
    built: k,
    lastTs: args.startTs + Math.floor(k / n) + 1,
  };
}

serveCalls({ run });
