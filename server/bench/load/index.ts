/**
 * `pnpm loadtest`: the issue-7 scenarios on this machine (no k6 needed), on a
 * cluster of 1 and/or 2 instances, with a JSON and a Markdown summary in
 * bench-results/load/ (or --out). Full size is more than a 2-core machine can
 * carry; scale with --scale (units and screens) or set sizes explicitly.
 *
 *   pnpm loadtest [--scenario=normal-night,major-event,reconnect-storm] [--instances=1,2]
 *                 [--scale=0.1] [--units=N] [--screens=N] [--duration-s=S] [--alert-every-s=S] [--profile] [--out=dir]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliOptions, isMain, machine } from '../core/lib/stats.js';
import { writeSummary } from './report.js';
import { runScenario, type ScenarioResult } from './run-scenario.js';
import { FULL_SIZE, scaled, type ScaleFlags, type ScenarioName } from './scenarios.js';

export async function runLoadTests(names: ScenarioName[], instances: number[], flags: ScaleFlags & { profile?: boolean }): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const name of names) {
    const spec = scaled(FULL_SIZE[name], flags);
    for (const n of instances) {
      console.log(`\n== ${name}: ${n} instance(s), ${spec.units} units, ${spec.screens} screens, ${spec.alerts.count} alerts every ${spec.alerts.everyMs} ms`);
      const profileDir = flags.profile ? mkdtempSync(join(tmpdir(), 'lf-prof-')) : undefined;
      const r = await runScenario(spec, { instances: n, ...(profileDir ? { profileDir } : {}) });
      console.log(
        JSON.stringify({
          loadtest: name,
          instances: n,
          positionsPerSecond: r.positions.acceptedPerSecond,
          alertToLast: r.alerts.acceptedToLast,
          lost: r.alerts.lost,
          gaps: r.seq.gaps,
          duplicates: r.seq.duplicates,
          storm: r.storm ?? null,
        }),
      );
      results.push(r);
    }
  }
  return results;
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const names = String(o.scenario ?? 'normal-night,major-event,reconnect-storm').split(',') as ScenarioName[];
  for (const n of names) if (!(n in FULL_SIZE)) throw new Error(`unknown scenario ${n}; one of ${Object.keys(FULL_SIZE).join(', ')}`);
  const instances = String(o.instances ?? '1,2')
    .split(',')
    .map(Number);
  const flags: ScaleFlags & { profile?: boolean } = {
    ...(o.scale !== undefined ? { scale: Number(o.scale) } : {}),
    ...(o.units !== undefined ? { units: Number(o.units) } : {}),
    ...(o.screens !== undefined ? { screens: Number(o.screens) } : {}),
    ...(o.durationS !== undefined ? { durationS: Number(o.durationS) } : {}),
    ...(o.alertEveryS !== undefined ? { alertEveryS: Number(o.alertEveryS) } : {}),
    ...(o.profile ? { profile: true } : {}),
  };
  const results = await runLoadTests(names, instances, flags);
  const out = typeof o.out === 'string' ? o.out : fileURLToPath(new URL('../../../bench-results/load', import.meta.url));
  const stem = `load-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const files = writeSummary(out, stem, results, { command: `pnpm loadtest ${process.argv.slice(2).join(' ')}`, machine: machine() });
  console.log(`\nsummary: ${files.md}\n         ${files.json}`);
}
