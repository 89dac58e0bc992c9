import { benchmarkCoverage } from './coverage-bench.js';
import { benchmarkEta } from './eta-bench.js';
import { benchmarkImport } from './import-bench.js';
import { isMain, printReport } from './bench-report.js';

/** All routing benchmarks in one go, for `pnpm bench`: import, ETA ranking, coverage. */
export async function runRoutingBenchmarks(): Promise<object> {
  const imports = await benchmarkImport();
  printReport('routing-import', imports, imports.imports as unknown as Record<string, string | number>[]);
  const eta = benchmarkEta();
  const coverage = benchmarkCoverage();
  return { import: imports, eta, coverage };
}

if (isMain(import.meta.url)) await runRoutingBenchmarks();
