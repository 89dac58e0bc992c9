/**
 * How long the demo's past takes to write on the first `pnpm demo` (issue 16):
 * a fresh PGlite database, the demo district seeded as `pnpm demo` does, then
 * writeDemoHistory with the demo's defaults (90 days, 35 a day), timed; then a
 * second call, which must write nothing (written once).
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/demo/demo-history-time.ts [--days=90] [--per-day=35]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { writeDemoHistory } from '../../src/demo/demo-history.js';
import { cliOptions } from '../core/lib/stats.js';

const o = cliOptions();
const days = Number(o.days ?? 90);
const perDay = Number(o['per-day'] ?? 35);
const dir = mkdtempSync(join(tmpdir(), 'lf-demo-history-'));
const config = loadConfig({}, { DATA_DIR: dir, LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-password', ANALYTICS_PREWARM_SECONDS: 0 });
const app = await buildApp(config, { logger: false });
try {
  await seedDemo(app);
  const core = app.core;
  const deps = { bus: core.bus, db: core.db, graph: (await core.roads()).graph, grids: core.picture.grids, units: [...core.picture.units.values()] };
  const load = loadavg()[0]!.toFixed(1);
  const first = await writeDemoHistory(deps, { days, perDay, seed: 20261207, timeZone: config.TIME_ZONE });
  const again = await writeDemoHistory(deps, { days, perDay, seed: 20261207, timeZone: config.TIME_ZONE });
  const [rows] = await core.db.query<{ incidents: number; events: number; assignments: number }>(
    'SELECT (SELECT count(*)::int FROM incidents WHERE demo) incidents, (SELECT count(*)::int FROM incident_events) events, (SELECT count(*)::int FROM incident_units) assignments',
  );
  console.log(
    JSON.stringify({
      days: first.days,
      incidents: first.incidents,
      seconds: Number(first.seconds.toFixed(1)),
      msPerIncident: Number(((first.seconds * 1000) / Math.max(1, first.incidents)).toFixed(1)),
      rows,
      secondRun: again,
      loadBefore: Number(load),
      loadAfter: Number(loadavg()[0]!.toFixed(1)),
    }),
  );
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
