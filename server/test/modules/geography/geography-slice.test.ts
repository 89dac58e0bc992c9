import { afterAll, describe, expect, it } from 'vitest';
import { findContainingArea, type Grid } from '@lianfang/shared';
import { migrate } from '../../../src/db/migrate.js';
import { createPgDatabase } from '../../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../../src/db/pglite-database.js';
import type { Database } from '../../../src/db/database.js';
import { insertGrid } from '../../../src/modules/geography/geo-repository.js';
import { GeographySlice } from '../../../src/modules/geography/geography-slice.js';
import { createTestDatabase } from '../../helpers/test-services.js';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const square = (x: number, y: number, s: number): Grid['ring'] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
];
const area = (id: string, level: Grid['level'], parentId: string | null, ring: Grid['ring']): Grid => ({
  id,
  name: id,
  level,
  parentId,
  ring,
  leader: null,
  contacts: [],
});

/** A street of one community of four grids: the nesting the escalation ladder climbs. */
const GRIDS: Grid[] = [
  area('st', 'street', null, square(120, 30, 0.04)),
  area('cm', 'community', 'st', square(120, 30, 0.02)),
  area('g00', 'grid', 'cm', square(120, 30, 0.01)),
  area('g10', 'grid', 'cm', square(120.01, 30, 0.01)),
  area('g01', 'grid', 'cm', square(120, 30.01, 0.01)),
  area('g11', 'grid', 'cm', square(120.01, 30.01, 0.01)),
];

describe.each(['pglite', 'postgres'] as const)('geography slice point-in-grid on %s', (driver) => {
  it('indexes the grids it loads, answers like the linear scan, and follows a replaced grid set', async () => {
    let db: Database;
    if (driver === 'postgres') {
      const t = await createTestDatabase();
      db = createPgDatabase(t.url);
      closers.push(t.drop, () => db.close());
    } else {
      db = await createPgliteDatabase();
      closers.push(() => db.close());
    }
    await migrate(db);
    for (const g of GRIDS) await insertGrid(db, g);
    const slice = new GeographySlice();
    await slice.load(db);

    expect(slice.gridIndex.size).toBe(6);
    expect(slice.gridIndex.find(120.015, 30.005)?.id).toBe('g10');
    expect(slice.gridIndex.find(120.03, 30.03)?.id).toBe('st');
    expect(slice.gridIndex.find(121, 30)).toBeNull();
    for (let i = 0; i < 200; i++) {
      const lon = 119.99 + (i % 20) * 0.003;
      const lat = 29.99 + Math.floor(i / 20) * 0.006;
      expect(slice.gridIndex.find(lon, lat)?.id ?? null).toBe(findContainingArea(lon, lat, slice.grids)?.id ?? null);
    }

    // An admin change replaces the array: the index follows without anyone calling rebuild.
    slice.grids = slice.grids.filter((g) => g.id !== 'g10');
    expect(slice.gridIndex.find(120.015, 30.005)?.id).toBe('cm');
    // A change in place needs the explicit rebuild.
    slice.grids.push(area('g10b', 'grid', 'cm', square(120.01, 30, 0.01)));
    slice.rebuildGridIndex();
    expect(slice.gridIndex.find(120.015, 30.005)?.id).toBe('g10b');
  });
});
