/**
 * Key-area compliance from the visit history against the definition (every stored fix), on a
 * database kept by the benchmark:
 *   cd server && npx tsx --conditions=lianfang-src bench/analytics/key-area-history-check.ts --keep=NAME
 * Prints one line per window and filter and exits 1 when any table differs.
 */
import { isDeepStrictEqual } from 'node:util';
import { inAnalyticsSession } from '../../src/modules/analytics/analytics-session.js';
import { keyAreaCompliance, type KeyAreaComplianceQuery } from '../../src/modules/analytics/key-area-compliance.js';
import { keyAreaComplianceFromPositions } from '../../src/modules/analytics/key-area-compliance-from-positions.js';
import { BENCH_TIME_ZONE } from './bench-data.js';
import { createBenchDatabase } from './bench-database.js';
import { WINDOWS } from './bench-queries.js';

const keep = process.argv.find((a) => a.startsWith('--keep='))?.split('=')[1];
if (!keep) throw new Error('--keep=NAME: the database kept by analytics-bench.ts');
const bench = await createBenchDatabase(120_000, keep);
if (!bench.existed) throw new Error(`no kept database ${bench.name}`);
let differ = 0;
try {
  const cases: [string, KeyAreaComplianceQuery][] = [];
  for (const [name, w] of Object.entries(WINDOWS))
    if (name !== 'year') cases.push([name, w], [`${name}, force police`, { ...w, force: 'police' }], [`${name}, team t013`, { ...w, teamId: 't013' }]);
  // A window that starts and ends off the minute, inside the fixes' week.
  cases.push(['odd bounds', { from: '2024-12-27T03:07:31.250Z', to: '2024-12-29T11:59:59.999Z' }]);
  for (const [name, q] of cases) {
    const history = await inAnalyticsSession(bench.db, BENCH_TIME_ZONE, (ctx) => keyAreaCompliance(ctx, q));
    const positions = await inAnalyticsSession(bench.db, BENCH_TIME_ZONE, (ctx) => keyAreaComplianceFromPositions(ctx, q));
    const same = isDeepStrictEqual(history, positions);
    if (!same) differ++;
    const visited = history.reduce((n, r) => n + r.slotsVisited, 0);
    const required = history.reduce((n, r) => n + r.slotsRequired, 0);
    console.log(`${same ? 'same' : 'DIFFERENT'}  ${name}: ${visited} of ${required} slots visited`);
  }
} finally {
  await bench.drop();
}
process.exit(differ > 0 ? 1 : 0);
