import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '@lianfang/shared';
import type { Database } from '../../../src/db/database.js';
import { createPgDatabase } from '../../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../../src/db/pglite-database.js';
import { createTestDatabase } from '../../helpers/test-services.js';

/**
 * The definition of a percentile is PostgreSQL's percentile_cont (linear
 * interpolation between closest ranks). The server takes its percentiles with
 * shared code (`distributionPercentile` over merged distributions, which
 * shared/test/metrics checks against `percentile`); `percentile` must agree with
 * percentile_cont to the last bit, on both drivers, for any sample: ties, one
 * value, two values, negatives, fractions.
 */
describe.each(['pglite', 'postgres'] as const)('percentile_cont on %s = shared percentile', (driver) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (driver === 'pglite') db = await createPgliteDatabase();
    else {
      const created = await createTestDatabase();
      drop = created.drop;
      db = createPgDatabase(created.url, 2);
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const sql = async (values: number[], ps: number[]) =>
    (
      await db.query<{ p: number[] | null }>('SELECT percentile_cont($2::float8[]) WITHIN GROUP (ORDER BY x) AS p FROM unnest($1::float8[]) AS x', [
        values,
        ps.map((p) => p / 100),
      ])
    )[0]!.p;

  it('hand-picked samples', async () => {
    expect(await sql([240, 240, 300, 300, 330, 400, 600, 960], [50, 90])).toEqual([315, percentile([240, 240, 300, 300, 330, 400, 600, 960], 90)]);
    expect(await sql([42], [0, 50, 90, 100])).toEqual([42, 42, 42, 42]);
    expect(await sql([1, 2], [50, 90])).toEqual([1.5, 1.9]);
    expect(await sql([], [50])).toBeNull();
  });

  it('random samples and percentiles (property)', async () => {
    const sample = fc.array(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })), {
      minLength: 1,
      maxLength: 60,
    });
    await fc.assert(
      fc.asyncProperty(sample, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), async (values, ps) => {
        // -0 and 0 sort as equal in both; compare as numbers so -0 = 0.
        const fromSql = (await sql(values, ps))!.map((v) => v + 0);
        expect(fromSql).toEqual(ps.map((p) => percentile(values, p)! + 0));
      }),
      { numRuns: 60 },
    );
  });
});
