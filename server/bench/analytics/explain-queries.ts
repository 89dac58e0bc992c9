/**
 * EXPLAIN ANALYZE of dashboard queries on a database kept by the benchmark (--keep=NAME):
 *   cd server && npx tsx --conditions=lianfang-src bench/analytics/explain-queries.ts --keep=NAME [--match=text]
 * Runs each matching query once through a recorder, then prints the plan of every statement it sent.
 */
import type { Queryable } from '../../src/db/database.js';
import { inAnalyticsSession } from '../../src/modules/analytics/analytics-session.js';
import { BENCH_TIME_ZONE } from './bench-data.js';
import { createBenchDatabase } from './bench-database.js';
import { DASHBOARD_QUERIES } from './bench-queries.js';

const arg = (name: string) =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=');
const keep = arg('keep');
if (!keep) throw new Error('--keep=NAME: the database kept by analytics-bench.ts');
const match = arg('match') ?? '';
const bench = await createBenchDatabase(120_000, keep);
if (!bench.existed) throw new Error(`no kept database ${bench.name}: run analytics-bench.ts --keep=${keep} first`);
try {
  for (const q of DASHBOARD_QUERIES.filter((d) => d.name.includes(match))) {
    await inAnalyticsSession(bench.db, BENCH_TIME_ZONE, async (ctx) => {
      const sent: { sql: string; params: readonly unknown[] }[] = [];
      const recorder: Queryable = {
        query: async (sql, params = []) => {
          sent.push({ sql, params });
          return ctx.db.query(sql, params);
        },
      };
      await q.run({ ...ctx, db: recorder });
      for (const s of sent) {
        if (!/^\s*(WITH|SELECT)/i.test(s.sql)) continue;
        const plan = await ctx.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
        console.log(`\n=== ${q.name}\n${s.sql}\n-- ${JSON.stringify(s.params)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    });
  }
} finally {
  await bench.drop();
}
