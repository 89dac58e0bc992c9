import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, responsePhases, type DrilldownReply, type ResponseReply, type UnitActivityReply } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { assignmentsOf, INCIDENTS, milestonesOf, Q, seedGeography, seedIncidents } from './analytics-seed.js';

const ids = (body: DrilldownReply) => body.rows.map((r) => r.id);

describe('unit activity and the drill-down behind the bars (PostgreSQL)', () => {
  let t: TestApp;
  const drill = async (query: string) => (await get<DrilldownReply>(t, `/api/analytics/incidents?${Q}&${query}`)).body;
  beforeAll(async () => {
    t = await startOn('postgres');
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => t?.close());

  it('per unit: assignments, arrivals, first on scene, time per assignment state (finished spells only)', async () => {
    const { rows, per } = (await get<UnitActivityReply>(t, `/api/analytics/units?${Q}`)).body;
    expect(per).toBe('unit');
    expect(rows).toEqual([
      // u1: A1 A4 A7 A11 (A9 cancelled: not counted). dispatched→ack 10+10+5 (A7 never acknowledged: open, left out);
      // ack→en route 20+20+0; en route→on scene 180+550+295; on scene→cleared 3360+2300 (A11 still on scene: left out)
      {
        key: 'u1',
        label: 'P-1',
        force: 'police',
        teamId: 't1',
        units: 1,
        assignments: 4,
        arrived: 3,
        firstOnScene: 2,
        declined: 0,
        ackTimeouts: 1,
        dispatchedSeconds: 25,
        acknowledgedSeconds: 40,
        enRouteSeconds: 1025,
        onSceneSeconds: 5660,
      },
      // u2: A2 A5 A12: 30+10+10, 30+50+10, 180+160+900, 1500+1760+2040
      {
        key: 'u2',
        label: 'P-2',
        force: 'police',
        teamId: 't1',
        units: 1,
        assignments: 3,
        arrived: 3,
        firstOnScene: 3,
        declined: 0,
        ackTimeouts: 0,
        dispatchedSeconds: 50,
        acknowledgedSeconds: 90,
        enRouteSeconds: 1240,
        onSceneSeconds: 5300,
      },
      // u3: A3 (no en route: travelling from its acknowledgement, 50→400), A4, A12 declined after 15 s
      {
        key: 'u3',
        label: 'S-1',
        force: 'security',
        teamId: 't2',
        units: 1,
        assignments: 3,
        arrived: 2,
        firstOnScene: 2,
        declined: 1,
        ackTimeouts: 0,
        dispatchedSeconds: 30,
        acknowledgedSeconds: 30,
        enRouteSeconds: 810,
        onSceneSeconds: 7400,
      },
      {
        key: 'u4',
        label: 'V-1',
        force: 'volunteer',
        teamId: null,
        units: 1,
        assignments: 1,
        arrived: 1,
        firstOnScene: 1,
        declined: 0,
        ackTimeouts: 0,
        dispatchedSeconds: 10,
        acknowledgedSeconds: 10,
        enRouteSeconds: 270,
        onSceneSeconds: 700,
      },
    ]);
  });

  it('rolled up per force and per team; the unit filters pick units, the incident filters pick assignments', async () => {
    const force = (await get<UnitActivityReply>(t, `/api/analytics/units?${Q}&per=force`)).body.rows;
    expect(
      force.map((r) => [
        r.key,
        r.units,
        r.assignments,
        r.arrived,
        r.firstOnScene,
        r.dispatchedSeconds,
        r.acknowledgedSeconds,
        r.enRouteSeconds,
        r.onSceneSeconds,
      ]),
    ).toEqual([
      ['police', 2, 7, 6, 5, 75, 130, 2265, 10960],
      ['security', 1, 3, 2, 2, 30, 30, 810, 7400],
      ['volunteer', 1, 1, 1, 1, 10, 10, 270, 700],
    ]);
    const team = (await get<UnitActivityReply>(t, `/api/analytics/units?${Q}&per=team`)).body.rows;
    expect(team.map((r) => [r.key, r.label, r.force, r.teamId, r.units, r.assignments])).toEqual([
      ['none', 'none', null, null, 1, 1],
      ['t1', '巡逻一队', 'police', 't1', 2, 7],
      ['t2', 'Guards', 'security', 't2', 1, 3],
    ]);
    // Police units on P3 cases only: u1 on A4, u2 on A12.
    const p3 = (await get<UnitActivityReply>(t, `/api/analytics/units?${Q}&force=police&priority=P3`)).body.rows;
    expect(p3.map((r) => [r.key, r.assignments, r.firstOnScene])).toEqual([
      ['u1', 1, 0],
      ['u2', 1, 1],
    ]);
    // An idle period lists every unit with zeros.
    const idle = (await get<UnitActivityReply>(t, '/api/analytics/units?from=2023-01-01T00:00:00Z&to=2023-01-02T00:00:00Z')).body.rows;
    expect(idle.map((r) => [r.key, r.assignments, r.onSceneSeconds])).toEqual([
      ['u1', 0, 0],
      ['u2', 0, 0],
      ['u3', 0, 0],
      ['u4', 0, 0],
    ]);
  });

  it('every phase in SQL equals responsePhases (shared) for every incident, and the lead unit is as defined', async () => {
    const all = await drill('limit=1000');
    expect(all.total).toBe(11);
    for (const row of all.rows) {
      const spec = INCIDENTS.find((s) => s.id === row.id)!;
      const expected = responsePhases(milestonesOf(spec).receivedAt, assignmentsOf(spec));
      expect({ id: row.id, processing: row.processing, turnout: row.turnout, travel: row.travel, response: row.response }).toEqual({ id: row.id, ...expected });
    }
    const lead = Object.fromEntries(all.rows.map((r) => [r.id, r.leadUnitId]));
    expect(lead).toMatchObject({ A4: 'u3', A7: 'u1', A8: null, A12: 'u2' });
    expect(all.rows.find((r) => r.id === 'A4')).toMatchObject({
      gridName: 'West, "old" grid',
      leadCallsign: 'S-1',
      force: 'security',
      teamId: 't2',
      targetSeconds: 900,
      withinTarget: true,
    });
    expect(all.rows.find((r) => r.id === 'A8')).toMatchObject({ withinTarget: null, response: null, status: 'reported' });
  });

  it('the median and p90 of the table equal shared `percentile` over the listed incidents (one percentile definition)', async () => {
    const { total } = (await get<ResponseReply>(t, `/api/analytics/response?${Q}`)).body;
    const responses = (await drill('only=responded&limit=1000')).rows.map((r) => r.response!);
    expect(responses).toHaveLength(total.responded);
    expect(total.responseP50).toBe(percentile(responses, 50));
    expect(total.responseP90).toBe(percentile(responses, 90));
    const processing = (await drill('limit=1000')).rows.map((r) => r.processing).filter((v): v is number => v !== null);
    expect(total.processingP90).toBe(percentile(processing, 90));
  });

  it('opens the list behind a bar: day, shift, force, grid "none", subsets, paging', async () => {
    expect(ids(await drill('groupBy=day&groupKey=2024-03-05'))).toEqual(['A5', 'A6', 'A7', 'A8', 'A10']);
    expect(ids(await drill('groupBy=day&groupKey=2024-03-05&only=responded'))).toEqual(['A5', 'A6']);
    expect(ids(await drill('groupBy=day&groupKey=2024-03-06'))).toEqual([]);
    expect(ids(await drill('groupBy=week&groupKey=2024-03-04&only=closed'))).toEqual(['A1', 'A2', 'A4', 'A6']);
    expect(ids(await drill('groupBy=month&groupKey=2024-03&only=open'))).toEqual(['A7', 'A8', 'A11']);
    expect(ids(await drill('groupBy=shift&groupKey=night'))).toEqual(['A3', 'A4', 'A10', 'A12']);
    expect(ids(await drill('groupBy=force&groupKey=security'))).toEqual(['A3', 'A4']);
    expect(ids(await drill('groupBy=force&groupKey=none'))).toEqual(['A8', 'A10']);
    expect(ids(await drill('groupBy=team&groupKey=none'))).toEqual(['A6', 'A8', 'A10']);
    // 办结 and false alarms: the false alarm A10 is concluded, and the only one
    expect(ids(await drill('only=concluded'))).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A10', 'A12']);
    expect(ids(await drill('only=falseAlarms'))).toEqual(['A10']);
    expect(ids(await drill('only=withinFive'))).toEqual(['A1', 'A2', 'A5', 'A6']);
    expect(ids(await drill('groupBy=grid&groupKey=none'))).toEqual(['A7']);
    expect(ids(await drill('groupBy=grid&groupKey=g1&only=breached'))).toEqual(['A11']);
    expect(ids(await drill('groupBy=priority&groupKey=P1&only=withinTarget'))).toEqual(['A1', 'A6']);
    expect(ids(await drill('groupBy=category&groupKey=traffic'))).toEqual(['A4', 'A12']);
    // withinTarget + breached = responded, as in the response table (5 + 3 = 8)
    expect(ids(await drill('only=withinTarget'))).toEqual(['A1', 'A2', 'A4', 'A5', 'A6']);
    expect(ids(await drill('only=breached'))).toEqual(['A3', 'A12', 'A11']);
    const page = await drill('limit=2&offset=1');
    expect({ total: page.total, limit: page.limit, offset: page.offset, ids: ids(page) }).toEqual({ total: 11, limit: 2, offset: 1, ids: ['A2', 'A3'] });
    const beyond = await drill('limit=5&offset=50');
    expect({ total: beyond.total, ids: ids(beyond) }).toEqual({ total: 11, ids: [] });
  });
});
