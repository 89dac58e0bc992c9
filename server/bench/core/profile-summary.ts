/**
 * Where the time went in a .cpuprofile (from `--profile=<file>` on a core
 * bench, or node --cpu-prof): self time by function and by package/file, and
 * inclusive time of chosen Lianfang entry points.
 *
 *   cd server && npx tsx bench/core/profile-summary.ts /tmp/server.cpuprofile [top=25] [filter-regex]
 */
import { readFileSync } from 'node:fs';
import { isMain, round } from './lib/stats.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function area(url: string): string {
  if (!url) return '(native/vm)';
  const m = /node_modules\/\.pnpm\/([^/]+)\//.exec(url) ?? /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1]!.replace(/@[\d.]+.*$/, '');
  if (url.startsWith('node:')) return url;
  const src = /\/work\/main\/(.+)$/.exec(url);
  return src ? src[1]! : url;
}

export function summarizeProfile(file: string, top = 25, filter?: RegExp) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from the samples and their time deltas (µs).
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const totalUs = p.endTime - p.startTime;
  const idleUs = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((t, [, us]) => t + us, 0);
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    files.set(area(n.callFrame.url), (files.get(area(n.callFrame.url)) ?? 0) + us);
    // Inclusive time per function name along the stack (counted once per sample stack).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const name = `${f.functionName || '(anonymous)'} ${area(f.url)}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const pct = (us: number) => round((100 * us) / totalUs, 1);
  const sort = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !filter || filter.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
  return {
    wallMs: round(totalUs / 1000),
    busyPct: pct(totalUs - idleUs),
    selfByFunction: sort(fn).map(([name, us]) => ({ name, ms: round(us / 1000), pct: pct(us) })),
    selfByArea: sort(files).map(([name, us]) => ({ name, ms: round(us / 1000), pct: pct(us) })),
    inclusive: sort(inclusive).map(([name, us]) => ({ name, ms: round(us / 1000), pct: pct(us) })),
  };
}

if (isMain(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const s = summarizeProfile(file, Number(process.argv[3] ?? 25), process.argv[4] ? new RegExp(process.argv[4]) : undefined);
  console.log(`wall ${s.wallMs} ms, busy ${s.busyPct}%`);
  console.log('self time by area');
  console.table(s.selfByArea);
  console.log('self time by function');
  console.table(s.selfByFunction);
  console.log('inclusive time');
  console.table(s.inclusive);
}
