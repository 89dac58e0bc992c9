/**
 * What-if request time on a running server, from the operator's side: each request is timed from
 * send to parsed reply. Run against the demo (`PORT=3103 npx -y pnpm@10 demo`, or any server
 * with the demo city) with no other load:
 *
 *   cd server && npx tsx bench/coverage/what-if-request.ts --url=http://127.0.0.1:3103 [--rounds=30]
 *
 * Scenarios: the figure now (nothing changed, what the tool asks on opening), one temporary post,
 * one unit moved, five moved and three posts, every unit removed. Prints a table and one JSON line.
 */
import { loadavg } from 'node:os';
import { execSync } from 'node:child_process';
import type { Snapshot, WhatIfReply, WhatIfRequest } from '@lianfang/shared';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const base = arg('url', 'http://127.0.0.1:8080');
const rounds = Number(arg('rounds', '30'));

async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const { token } = await call<{ token: string }>('POST', '/api/auth/login', null, { username: 'operator', password: 'operator-demo' });
const { units } = await call<Snapshot>('GET', '/api/state', token);
const placed = units.filter((u) => u.position);
if (placed.length === 0) throw new Error('no unit has a position yet: is the demo running?');
const lats = placed.map((u) => u.position!.lat);
const lons = placed.map((u) => u.position!.lon);
// A spot between the units' extremes: on the road network, away from the middle.
const spot = (fx: number, fy: number) => ({
  lat: Math.min(...lats) + (Math.max(...lats) - Math.min(...lats)) * fy,
  lon: Math.min(...lons) + (Math.max(...lons) - Math.min(...lons)) * fx,
});

const scenarios: [string, WhatIfRequest][] = [
  ['figure now (tool opened)', { add: [] }],
  ['one temporary car post', { add: [{ ...spot(0.9, 0.1), mode: 'car' }] }],
  ['one unit moved', { add: [], move: [{ unitId: placed[0]!.id, ...spot(0.1, 0.9) }] }],
  [
    'five moved, three posts',
    {
      add: [0.2, 0.5, 0.8].map((f) => ({ ...spot(f, 1 - f), mode: 'foot' as const })),
      move: placed.slice(0, 5).map((u, i) => ({ unitId: u.id, ...spot(0.15 * (i + 1), 0.5) })),
    },
  ],
  ['every unit removed', { add: [], removeUnitIds: units.map((u) => u.id) }],
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const results: { scenario: string; medianMs: number; p95Ms: number; within5Before: number; within5After: number }[] = [];
for (const [name, body] of scenarios) {
  await call<WhatIfReply>('POST', '/api/coverage/what-if', token, body); // warm
  const times: number[] = [];
  let reply: WhatIfReply | undefined;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    reply = await call<WhatIfReply>('POST', '/api/coverage/what-if', token, body);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  results.push({
    scenario: name,
    medianMs: Math.round(quantile(times, 0.5) * 10) / 10,
    p95Ms: Math.round(quantile(times, 0.95) * 10) / 10,
    within5Before: reply!.before.overall.within5,
    within5After: reply!.after.overall.within5,
  });
}

console.table(results);
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD').toString().trim();
  } catch {
    return 'unknown';
  }
})();
console.log(JSON.stringify({ bench: 'what-if-request', url: base, rounds, units: units.length, loadavg1: loadavg()[0], commit, results }));
