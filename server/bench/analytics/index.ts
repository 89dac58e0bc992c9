/** The analytics benchmark for `pnpm bench` (run-all) and docs/performance.md. */
export { runAnalyticsBenchmarks, type AnalyticsBenchOptions, type AnalyticsBenchReport } from './analytics-bench.js';
