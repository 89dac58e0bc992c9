import type { AssignmentTimes, IncidentMilestones } from '@lianfang/shared';
import type { Queryable } from '../../../src/db/database.js';

/**
 * A known week of incidents, inserted row by row with fixed times so every figure
 * in the analytics tests can be worked out by hand. Local times are Asia/Shanghai
 * (UTC+8, the default TIME_ZONE); unit times are seconds after the incident was received.
 *
 * The window under test is Mon 2024-03-04 00:00 → Fri 2024-03-08 00:00 local.
 * Wednesday is empty. A12 at Thu 07:59 local is Wed 23:59 UTC: bucketing in UTC
 * would put it on the empty day.
 */
export const WINDOW = { from: '2024-03-04T00:00:00+08:00', to: '2024-03-08T00:00:00+08:00' };
export const Q = `from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}`;

interface UnitSpec {
  unit: string;
  d: number;
  k?: number;
  e?: number;
  o?: number;
  c?: number;
  status: 'dispatched' | 'acknowledged' | 'en_route' | 'on_scene' | 'cleared' | 'declined';
  ackTimeout?: number;
}

export interface IncidentSpec {
  id: string;
  /** local time, Asia/Shanghai */
  at: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  category: string;
  grid: string | null;
  status: string;
  units: UnitSpec[];
  resolved?: number;
  closed?: number;
  outcome?: string;
  settled?: string;
  rating?: number;
}

//                                         response = o(first) − 0; target P1/P2 300 s, P3 900 s, P4 1800 s
export const INCIDENTS: IncidentSpec[] = [
  // Mon 03-04
  {
    id: 'A1',
    at: '2024-03-04T09:00:00',
    priority: 'P1',
    category: 'criminal',
    grid: 'g1',
    status: 'closed',
    units: [{ unit: 'u1', d: 30, k: 40, e: 60, o: 240, c: 3600, status: 'cleared' }],
    resolved: 3600,
    closed: 7200,
    outcome: 'arrest_handover',
    settled: 'grid',
    rating: 5,
  },
  {
    id: 'A2',
    at: '2024-03-04T10:00:00',
    priority: 'P2',
    category: 'dispute',
    grid: 'g1',
    status: 'closed',
    units: [{ unit: 'u2', d: 60, k: 90, e: 120, o: 300, c: 1800, status: 'cleared' }],
    resolved: 1800,
    closed: 3600,
    outcome: 'mediated',
    settled: 'grid',
    rating: 4,
  },
  // no "en route" reported: travel counts from the acknowledgement (50 s)
  {
    id: 'A3',
    at: '2024-03-04T21:00:00',
    priority: 'P1',
    category: 'public_order',
    grid: 'g2',
    status: 'resolved',
    units: [{ unit: 'u3', d: 45, k: 50, o: 400, c: 5400, status: 'cleared' }],
    resolved: 5400,
    outcome: 'solved_on_site',
    settled: 'community',
  },
  // two units: u3 is dispatched first and arrives first (the lead unit), u1 later
  {
    id: 'A4',
    at: '2024-03-04T22:00:00',
    priority: 'P3',
    category: 'traffic',
    grid: 'g2',
    status: 'closed',
    units: [
      { unit: 'u1', d: 120, k: 130, e: 150, o: 700, c: 3000, status: 'cleared' },
      { unit: 'u3', d: 100, k: 110, e: 140, o: 600, c: 3000, status: 'cleared' },
    ],
    resolved: 3000,
    closed: 4000,
    outcome: 'solved_on_site',
    settled: 'street',
    rating: 3,
  },
  // Tue 03-05
  {
    id: 'A5',
    at: '2024-03-05T09:00:00',
    priority: 'P2',
    category: 'dispute',
    grid: 'g1',
    status: 'resolved',
    units: [{ unit: 'u2', d: 20, k: 30, e: 80, o: 240, c: 2000, status: 'cleared' }],
    resolved: 2000,
    outcome: 'referred',
    settled: 'community',
  },
  {
    id: 'A6',
    at: '2024-03-05T09:30:00',
    priority: 'P1',
    category: 'medical',
    grid: 'g1',
    status: 'closed',
    units: [{ unit: 'u4', d: 10, k: 20, e: 30, o: 300, c: 1000, status: 'cleared' }],
    resolved: 1000,
    closed: 1500,
    outcome: 'no_action',
    settled: 'grid',
    rating: 2,
  },
  // still open: dispatched, never acknowledged (ack timeout recorded), outside every grid
  {
    id: 'A7',
    at: '2024-03-05T14:00:00',
    priority: 'P4',
    category: 'other',
    grid: null,
    status: 'dispatched',
    units: [{ unit: 'u1', d: 50, status: 'dispatched', ackTimeout: 110 }],
  },
  // still open, nobody sent
  { id: 'A8', at: '2024-03-05T15:00:00', priority: 'P2', category: 'criminal', grid: 'g2', status: 'reported', units: [] },
  // cancelled and false alarm: out of every measure, even with times recorded
  {
    id: 'A9',
    at: '2024-03-05T16:00:00',
    priority: 'P1',
    category: 'fire',
    grid: 'g1',
    status: 'cancelled',
    units: [{ unit: 'u1', d: 30, k: 40, e: 60, o: 200, c: 600, status: 'cleared' }],
    closed: 600,
  },
  {
    id: 'A10',
    at: '2024-03-05T23:30:00',
    priority: 'P2',
    category: 'dispute',
    grid: 'g2',
    status: 'false_alarm',
    units: [],
    closed: 900,
    outcome: 'false_alarm',
  },
  // Wed 03-06: nothing. Thu 03-07:
  // 08:00 local is the first minute of the day shift
  {
    id: 'A11',
    at: '2024-03-07T08:00:00',
    priority: 'P1',
    category: 'criminal',
    grid: 'g1',
    status: 'on_scene',
    units: [{ unit: 'u1', d: 30, k: 35, e: 35, o: 330, status: 'on_scene' }],
  },
  // 07:59 local is still the night shift; u3 was sent first (30 s) and declined, u2 handled it
  {
    id: 'A12',
    at: '2024-03-07T07:59:00',
    priority: 'P3',
    category: 'traffic',
    grid: 'g2',
    status: 'resolved',
    units: [
      { unit: 'u2', d: 40, k: 50, e: 60, o: 960, c: 3000, status: 'cleared' },
      { unit: 'u3', d: 30, c: 45, status: 'declined' },
    ],
    resolved: 3000,
    outcome: 'solved_on_site',
    settled: 'grid',
  },
  // The preceding four days (period-over-period): Thu 02-29 (a leap day) … Sun 03-03.
  { id: 'B1', at: '2024-02-29T10:00:00', priority: 'P3', category: 'criminal', grid: 'g1', status: 'reported', units: [] },
  { id: 'B2', at: '2024-03-01T11:00:00', priority: 'P3', category: 'dispute', grid: 'g1', status: 'reported', units: [] },
  { id: 'B3', at: '2024-03-02T12:00:00', priority: 'P3', category: 'dispute', grid: 'g2', status: 'reported', units: [] },
  { id: 'B4', at: '2024-03-03T23:59:59', priority: 'P3', category: 'traffic', grid: 'g2', status: 'reported', units: [] },
  { id: 'B5', at: '2024-03-03T13:00:00', priority: 'P3', category: 'dispute', grid: 'g2', status: 'cancelled', units: [], closed: 600 },
];

const instant = (local: string, plusSeconds = 0) => new Date(Date.parse(`${local}+08:00`) + plusSeconds * 1000).toISOString();
const at = (spec: IncidentSpec, s: number | undefined) => (s === undefined ? null : instant(spec.at, s));
const firstOf = (values: (number | undefined)[]) => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? Math.min(...present) : undefined;
};

/** The incident's first-milestone times, as the server keeps them (the earliest over all its units, declined ones too). */
export function milestonesOf(spec: IncidentSpec): IncidentMilestones {
  return {
    receivedAt: instant(spec.at),
    firstDispatchedAt: at(spec, firstOf(spec.units.map((u) => u.d))),
    firstAcknowledgedAt: at(spec, firstOf(spec.units.map((u) => u.k))),
    firstEnRouteAt: at(spec, firstOf(spec.units.map((u) => u.e))),
    firstOnSceneAt: at(spec, firstOf(spec.units.map((u) => u.o))),
    resolvedAt: at(spec, spec.resolved),
  };
}

/** The units' own times, as `responsePhases` reads them (the phases of the first-arriving unit). */
export function assignmentsOf(spec: IncidentSpec): AssignmentTimes[] {
  return spec.units.map((u) => ({
    unitId: u.unit,
    dispatchedAt: at(spec, u.d)!,
    acknowledgedAt: at(spec, u.k),
    enRouteAt: at(spec, u.e),
    onSceneAt: at(spec, u.o),
  }));
}

/** Grids, teams and units the incidents refer to; names test UTF-8 and CSV quoting. */
export async function seedGeography(db: Queryable): Promise<void> {
  const ring = JSON.stringify([
    [120.1, 30.2],
    [120.2, 30.2],
    [120.2, 30.3],
    [120.1, 30.3],
  ]);
  await db.query(`INSERT INTO grids (id, name, level, ring) VALUES ('g1', '东湖网格', 'grid', $1), ('g2', 'West, "old" grid', 'grid', $1)`, [ring]);
  await db.query(`INSERT INTO teams (id, name, force) VALUES ('t1', '巡逻一队', 'police'), ('t2', 'Guards', 'security')`);
  await db.query(
    `INSERT INTO units (id, callsign, force, mode, team_id) VALUES
       ('u1', 'P-1', 'police', 'car', 't1'), ('u2', 'P-2', 'police', 'car', 't1'), ('u3', 'S-1', 'security', 'moto', 't2'), ('u4', 'V-1', 'volunteer', 'foot', NULL)`,
  );
}

export async function seedIncidents(db: Queryable, specs: readonly IncidentSpec[] = INCIDENTS): Promise<void> {
  for (const s of specs) {
    const m = milestonesOf(s);
    await db.query(
      `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, created_at, updated_at, closed_at,
                              dispatched_at, acknowledged_at, en_route_at, on_scene_at, resolved_at, outcome, settled_level, rating)
       VALUES ($1, $2, $3, $4, 'manual', $1, 30.25, 120.15, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        s.id,
        s.status,
        s.category,
        s.priority,
        s.grid,
        m.receivedAt,
        at(s, s.closed),
        m.firstDispatchedAt,
        m.firstAcknowledgedAt,
        m.firstEnRouteAt,
        m.firstOnSceneAt,
        m.resolvedAt,
        s.outcome ?? null,
        s.settled ?? null,
        s.rating ?? null,
      ],
    );
    for (const u of s.units) {
      await db.query(
        `INSERT INTO incident_units (incident_id, unit_id, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, status, ack_timeout_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [s.id, u.unit, at(s, u.d), at(s, u.k), at(s, u.e), at(s, u.o), at(s, u.c), u.status, at(s, u.ackTimeout)],
      );
    }
  }
}

/** The local ISO instant of a local wall time (for positions and coverage samples). */
export const localInstant = instant;
