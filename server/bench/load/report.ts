/**
 * The load run's summary: one JSON with everything, one Markdown page with the
 * figures issue 7 asks for (alert-to-screen p50/p99, positions/s, memory per
 * 1,000 screens, reconnect-storm catch-up, alerts lost), 1 vs 2 instances side by side.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './run-scenario.js';

const ms = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;

export function markdownSummary(results: readonly ScenarioResult[], meta: { command: string; machine: object }): string {
  const lines = [
    '# Load run',
    '',
    `Command: \`${meta.command}\``,
    '',
    `Machine: \`${JSON.stringify(meta.machine)}\``,
    '',
    '| scenario | inst. | units | screens | positions/s accepted (offered) | 202→last screen p50 / p99 | POST sent→last p50 / p99 | alerts lost | gaps / dups | MB per 1,000 screens | server cores | load avg (start→end) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const a = r.alerts;
    lines.push(
      `| ${r.scenario} | ${r.instances} | ${r.units} | ${r.screens} | ${r.positions.acceptedPerSecond} (${r.positions.offeredPerSecond}) | ${ms(a.acceptedToLast.p50)} / ${ms(a.acceptedToLast.p99)} | ${ms(a.sentToLast.p50)} / ${ms(a.sentToLast.p99)} | ${a.lost} of ${a.posted - a.failedPosts} acknowledged (${a.failedPosts} not acknowledged) | ${r.seq.gaps} / ${r.seq.duplicates} | ${r.memory.mbPer1000Screens} | ${r.cpu.instancesCores.join(' + ')} (machine ${r.cpu.machineBusyCores}) | ${r.loadavgStart[0]} → ${r.loadavgEnd[0]} |`,
    );
  }
  lines.push(
    '',
    '## Where the CPU went (cores busy during the measured window, by part of the rig)',
    '',
    '| scenario | inst. | ' + Object.keys(results[0]?.cpu.byPart ?? {}).join(' | ') + ' | whole machine (everyone) |',
    '|---|---|' +
      Object.keys(results[0]?.cpu.byPart ?? {})
        .map(() => '---|')
        .join('') +
      '---|',
  );
  for (const r of results) lines.push(`| ${r.scenario} | ${r.instances} | ${Object.values(r.cpu.byPart).join(' | ')} | ${r.cpu.machineBusyCores} |`);
  const storms = results.filter((r) => r.storm);
  if (storms.length) {
    lines.push(
      '',
      '## Reconnect storm',
      '',
      '| inst. | screens | all reconnected | all caught up | reconnect p50 / p99 | snapshots instead of replay | gaps / dups |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of storms) {
      const s = r.storm!;
      lines.push(
        `| ${r.instances} | ${r.screens} | ${ms(s.allReconnectedMs)} | ${ms(s.allCaughtUpMs)} | ${ms(s.reconnectMs.p50)} / ${ms(s.reconnectMs.p99)} | ${s.snapshotsInsteadOfReplay} | ${r.seq.gaps} / ${r.seq.duplicates} |`,
      );
    }
  }
  for (const r of results.filter((x) => x.profile)) {
    lines.push(
      '',
      `## Profile: ${r.scenario}, ${r.instances} instance(s), server-1 (whole life, setup included)`,
      '',
      `busy ${r.profile!.busyPct}% of ${ms(r.profile!.wallMs)}`,
      '',
      '| self time by area | ms | % |',
      '|---|---|---|',
    );
    for (const x of r.profile!.selfByArea.slice(0, 10)) lines.push(`| ${x.name} | ${x.ms} | ${x.pct} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeSummary(
  dir: string,
  stem: string,
  results: readonly ScenarioResult[],
  meta: { command: string; machine: object },
): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = `${dir}/${stem}.json`;
  const md = `${dir}/${stem}.md`;
  writeFileSync(json, `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
  writeFileSync(md, markdownSummary(results, meta));
  return { json, md };
}
