/**
 * `pnpm bench`: every benchmark suite in one run, then one summary.
 *   cd server && npx tsx --conditions=lianfang-src bench/run-all.ts [--quick] [--only=alert-latency,cpu-per-message,ingest] [--skip-routing] [--skip-core] [--skip-scale] [--skip-admin]
 *     [--skip-analytics] [--analytics-incidents=1000000] [--analytics-budget-minutes=10]
 * The analytics suite needs PostgreSQL at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * --quick runs it on 100,000 incidents.
 */
import { existsSync } from 'node:fs';
import { printGoals, runCoreBenchmarks, type CoreBenchName } from './core/index.js';
import { cliOptions } from './core/lib/stats.js';

const o = cliOptions();
const summary: Record<string, unknown> = {};

if (!o.skipCore) {
  const { goals } = await runCoreBenchmarks({ ...(o.quick ? { quick: true } : {}), ...(o.only ? { only: String(o.only).split(',') as CoreBenchName[] } : {}) });
  summary.core = goals;
  printGoals(goals);
}

// Prefecture scale (issue 21): point-in-grid over 20,000 grids against the linear scan.
if (!o.skipScale) {
  const { benchmarkGridLookup } = await import('./scale/grid-lookup-bench.js');
  const grid = benchmarkGridLookup(o.quick ? { lookups: 100_000, baselineLookups: 100 } : {});
  console.log(JSON.stringify({ bench: 'grid-lookup', ...grid }));
  summary.gridLookup = grid;
}

// Administration and bulk import (issue 19): a district's grids, roster and jurisdiction against the console's one-by-one creates.
if (!o.skipAdmin) {
  const { QUICK_SIZES, runImportBench } = await import('./admin/import-bench.js');
  const admin = await runImportBench(o.quick ? QUICK_SIZES : {});
  console.log(JSON.stringify({ bench: 'admin-import', ...admin }));
  summary.adminImport = admin;
}

// The routing suite is someone else's; run it when it is there, and never let it sink the core figures.
const routingIndex = new URL('./routing/index.ts', import.meta.url);
if (!o.skipRouting && existsSync(routingIndex)) {
  try {
    const routing = (await import(routingIndex.href)) as { runRoutingBenchmarks?: () => Promise<object> };
    if (typeof routing.runRoutingBenchmarks === 'function') summary.routing = await routing.runRoutingBenchmarks();
  } catch (err) {
    summary.routing = { error: err instanceof Error ? err.message : String(err) };
    console.error('routing benchmarks failed:', err);
  }
}

// Managers' analytics (issue 6): 1M incidents in PostgreSQL, every dashboard query timed.
if (!o.skipAnalytics) {
  try {
    const { runAnalyticsBenchmarks } = await import('./analytics/index.js');
    const incidents = typeof o.analyticsIncidents === 'number' ? o.analyticsIncidents : o.quick ? 100_000 : 1_000_000;
    const report = await runAnalyticsBenchmarks({
      incidents,
      ...(typeof o.analyticsBudgetMinutes === 'number' ? { budgetMinutes: o.analyticsBudgetMinutes } : {}),
    });
    const brief = (t: (typeof report.warm)[number]) => ({
      query: t.name,
      medianMs: t.medianMs,
      maxMs: t.maxMs,
      cpuMs: t.cpuMs,
      goal: t.maxMs !== null && t.maxMs < 500,
    });
    summary.analytics = { warm: report.warm.map(brief), cold: report.cold.map(brief) };
  } catch (err) {
    summary.analytics = { error: err instanceof Error ? err.message : String(err) };
    console.error('analytics benchmarks failed:', err);
  }
}

console.log(JSON.stringify({ bench: 'summary', ...summary }));
