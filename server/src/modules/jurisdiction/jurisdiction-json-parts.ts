import type { EmergencyPlanContent, PlanFileRow, StandingCrewFileRow, TourFileRow } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { listStations } from '../geography/geo-repository.js';
import { listPlans } from '../emergency-plans/plan-repository.js';
import { listPatrolPlans } from '../patrols/patrol-plan-repository.js';

/** Byte order, whatever the database's collation: two servers in the same state write the same file. */
const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** standing-crews.json: every station in service by code, null where it has no crew (so an import clears one). */
export async function standingCrewRowsOf(q: Queryable): Promise<StandingCrewFileRow[]> {
  return (await listStations(q))
    .map((s) => ({ station: s.code ?? s.id, standingCrew: s.standingCrew ? { force: s.standingCrew.force, mode: s.standingCrew.mode } : null }))
    .sort(byKey((r) => r.station));
}

/** tours.json: the guard tours in service, their unit by callsign, checkpoints in walking order (no check-in times). */
export async function tourRowsOf(q: Queryable): Promise<TourFileRow[]> {
  const callsigns = new Map((await q.query<{ id: string; callsign: string }>('SELECT id, callsign FROM units')).map((u) => [u.id, u.callsign]));
  return (await listPatrolPlans(q))
    .filter((p) => p.kind === 'tour')
    .map((p) => ({
      code: p.code ?? p.id,
      name: p.name,
      unitCallsign: callsigns.get(p.unitId) ?? p.unitId,
      fromHhmm: p.from,
      toHhmm: p.to,
      checkpoints: p.checkpoints.map(({ name, lat, lon, radiusM }) => ({ name, lat, lon, radiusM })),
    }))
    .sort(byKey((r) => r.code));
}

/** The content with its keys in one order (jsonb keeps none): the same plan is the same line. */
const contentOf = (c: EmergencyPlanContent): EmergencyPlanContent => ({ name: c.name, category: c.category, unitMix: c.unitMix, tasks: c.tasks });

/** plans.json: every emergency plan, retired ones too, as its latest version (the history stays where it was kept). */
export async function planRowsOf(q: Queryable): Promise<PlanFileRow[]> {
  return (await listPlans(q, true)).map((p) => ({ id: p.id, ...contentOf(p), retired: p.retired })).sort(byKey((r) => r.id));
}
