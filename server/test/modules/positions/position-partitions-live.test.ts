import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { daysAhead, listPositionDays } from '../../../src/modules/positions/position-partitions.js';

// The running server keeps the day partitions itself: a fix sent now lands in today's, not in the default one.
describe('position history partitions on a running server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("has today's and the next two days' partitions and writes a live fix into today's", async () => {
    const days = await listPositionDays(t.app.core.db);
    const ahead = daysAhead(Date.now(), 2);
    // Around midnight the start may have made the previous day's three: today's and tomorrow's are there either way.
    expect(days).toEqual(expect.arrayContaining(ahead.slice(0, 2)));
    await createUnit(t.app, t.adminToken, 'PART-1', 'trk-part-1');
    const now = Math.floor(Date.now() / 1000);
    expect((await postFix(t.app, 'trk-part-1', 32.05, 118.78, now)).status).toBe(200);
    await t.app.core.positions.whenCommitted();
    const rows = await t.app.core.db.query<{ part: string; n: number }>(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM positions GROUP BY 1`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.part).toMatch(/^positions_p\d{8}$/);
    expect(rows[0]!.n).toBe(1);
  });
});
