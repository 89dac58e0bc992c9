/**
 * Trackers reporting like Traccar Client: every unit sends one fix per period
 * over GET /ingest/osmand, spread evenly over the period, on keep-alive
 * connections. Runs in its own process; bounded by maxMs and an in-flight cap.
 */
import http from 'node:http';
import { serveCalls } from './proc.js';
import { nowMs, round, summarize } from './stats.js';

let running: { stop: () => Promise<object> } | undefined;

function start(args: { url: string; trackerIds: string[]; periodMs?: number; maxMs?: number; maxInFlight?: number }): void {
  if (running) throw new Error('already running');
  const { hostname, port } = new URL(args.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const period = args.periodMs ?? 1000;
  const maxInFlight = args.maxInFlight ?? 512;
  const n = args.trackerIds.length;
  const started = nowMs();
  const latencies: number[] = [];
  const counts = { sent: 0, ok: 0, notOk: 0, errors: 0, skipped: 0 };
  let inFlight = 0;
  let due = 0;
  const point = (i: number, k: number) => ({ lat: 31.2 + (i % 50) * 0.002 + k * 0.00001, lon: 121.45 + Math.floor(i / 50) * 0.002 + k * 0.00001 });

  const send = (i: number, k: number) => {
    const { lat, lon } = point(i, k);
    const path = `/ingest/osmand?id=${args.trackerIds[i]}&lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}&timestamp=${Date.now()}&speed=5&bearing=90`;
    const t0 = nowMs();
    inFlight++;
    counts.sent++;
    const req = http.get({ hostname, port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        inFlight--;
        if (res.statusCode === 200) counts.ok++;
        else counts.notOk++;
        if (latencies.length < 1_000_000) latencies.push(nowMs() - t0);
      });
    });
    req.on('error', () => {
      inFlight--;
      counts.errors++;
    });
  };

  const timer = setInterval(() => {
    const elapsed = nowMs() - started;
    if (args.maxMs !== undefined && elapsed > args.maxMs) return clearInterval(timer);
    const target = Math.floor((elapsed / period) * n);
    for (; due < target; due++) {
      // A slow server makes the tracker skip a report rather than queue without bound.
      if (inFlight >= maxInFlight) {
        counts.skipped++;
        continue;
      }
      send(due % n, Math.floor(due / n));
    }
  }, 10);

  running = {
    async stop() {
      clearInterval(timer);
      const until = nowMs() + 5000;
      while (inFlight > 0 && nowMs() < until) await new Promise((r) => setTimeout(r, 10));
      agent.destroy();
      const seconds = (nowMs() - started) / 1000;
      return { ...counts, seconds: round(seconds), okPerSecond: round(counts.ok / seconds), latencyMs: summarize(latencies) };
    },
  };
}

async function stop(): Promise<object> {
  if (!running) throw new Error('not running');
  const r = running;
  running = undefined;
  return r.stop();
}

serveCalls({ start, stop }, async () => {
  if (running) await running.stop();
});
