import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrilldownReply, ResponseReply } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, seedGeography, seedIncidents, type IncidentSpec } from './analytics-seed.js';

const DAY = 86_400;

/**
 * The window-wide lead-unit lookup reads assignments dispatched before `to` + 1 day
 * and falls back to a probe per incident when that is not conclusive. These cases
 * sit on that edge; each must give the same lead as the one-incident definition.
 */
const EDGE: IncidentSpec[] = [
  // u2 is sent at once and never arrives; u1 is sent two days later (after to + 1 day) and arrives: u1 leads.
  {
    id: 'L1',
    at: '2024-03-07T23:00:00',
    priority: 'P3',
    category: 'assistance',
    grid: null,
    status: 'on_scene',
    units: [
      { unit: 'u2', d: 10, c: 20, status: 'cleared' },
      { unit: 'u1', d: 2 * DAY, k: 2 * DAY + 5, o: 2 * DAY + 300, status: 'on_scene' },
    ],
  },
  // Nobody arrived; u3 declined, u4 is still on its way: u4 leads (a declined unit never does).
  {
    id: 'L2',
    at: '2024-03-07T22:00:00',
    priority: 'P3',
    category: 'assistance',
    grid: null,
    status: 'en_route',
    units: [
      { unit: 'u3', d: 5, c: 30, status: 'declined' },
      { unit: 'u4', d: 40, k: 50, e: 60, status: 'en_route' },
    ],
  },
  // u3 arrives after to + 1 day although it was dispatched inside the range; u4, sent later (outside), arrives first.
  {
    id: 'L3',
    at: '2024-03-07T21:00:00',
    priority: 'P3',
    category: 'assistance',
    grid: null,
    status: 'on_scene',
    units: [
      { unit: 'u3', d: 60, k: 70, o: 3 * DAY, status: 'on_scene' },
      { unit: 'u4', d: 2 * DAY, k: 2 * DAY + 1, o: 2 * DAY + 100, status: 'on_scene' },
    ],
  },
];

describe('lead unit at the edge of the window (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn('pglite');
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
    await seedIncidents(t.app.core.db, EDGE);
  });
  afterAll(async () => t?.close());

  it('grouping by force counts each edge case under its true lead', async () => {
    const rows = (await get<ResponseReply>(t, `/api/analytics/response?${Q}&groupBy=force&category=assistance`)).body.rows;
    // L1 → u1 police, L2 → u4 volunteer, L3 → u4 volunteer
    expect(rows.map((r) => [r.key, r.received])).toEqual([
      ['police', 1],
      ['volunteer', 2],
    ]);
  });

  it('the drill-down (one probe per listed incident) agrees', async () => {
    const body = (await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&category=assistance`)).body;
    expect(body.rows.map((r) => [r.id, r.leadUnitId])).toEqual([
      ['L3', 'u4'],
      ['L2', 'u4'],
      ['L1', 'u1'],
    ]);
    const police = (await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&groupBy=force&groupKey=police&category=assistance`)).body;
    expect(police.rows.map((r) => r.id)).toEqual(['L1']);
  });

  it('the earlier figures do not move: the main set by force is unchanged', async () => {
    const rows = (await get<ResponseReply>(t, `/api/analytics/response?${Q}&groupBy=force`)).body.rows;
    expect(rows.map((r) => [r.key, r.received, r.responded])).toEqual([
      ['none', 2, 0],
      ['police', 7, 6],
      ['security', 2, 2],
      ['volunteer', 3, 2],
    ]);
  });
});
