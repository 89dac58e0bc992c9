import type { AnalyticsFilters } from '@lianfang/shared';
import type { Queryable } from '../../../db/database.js';
import type { SqlParams } from './sql-params.js';

/** What every analytics query needs: a connection and the zone local buckets are taken in. */
export interface AnalyticsContext {
  db: Queryable;
  timeZone: string;
}

/** Cancelled cases and false alarms are not received work (the rule of `loopRates` and /api/stats/loop). */
export const RECEIVED_SQL = (alias = 'i') => `${alias}.status NOT IN ('cancelled','false_alarm')`;

/**
 * The incident's lead unit: the first on scene; while nobody has arrived, the first
 * dispatched that did not decline. Ties (same instant) go to the smaller unit id so
 * the answer never depends on the plan. This is the probe, one per incident on the
 * incident_units primary key; it returns only the unit id (looking the unit up
 * inside the probe doubled its cost, measured), `lead_unit` is joined once outside.
 */
const LEAD_ORDER = `iu.on_scene_at ASC NULLS LAST, (iu.status = 'declined'), iu.dispatched_at, iu.unit_id`;
export const LEAD_UNIT_JOIN = `LEFT JOIN LATERAL (
    SELECT iu.unit_id FROM incident_units iu WHERE iu.incident_id = i.id ORDER BY ${LEAD_ORDER} LIMIT 1) lead ON true
  LEFT JOIN units lead_unit ON lead_unit.id = lead.unit_id`;

/**
 * The same lead unit for a whole window, without a probe per incident (a month is
 * 80,000 probes, a year a million). Assignments dispatched in [from, to + 1 day)
 * are read in one range scan (BRIN on dispatched_at) and the best per incident
 * kept (`near`). That answer is final when its unit arrived before to + 1 day: any
 * assignment outside the range was dispatched, hence arrived, later. Otherwise
 * (nobody arrived yet, or only late) the probe runs for that incident alone: as a
 * scalar subquery in a CASE it is not even started for the others.
 * Every incident is dispatched after it is received, so none of its assignments
 * lies before `from`. Sorting ids in the "C" collation gives the same groups and
 * is several times cheaper than the database's linguistic one.
 */
export const windowLeadJoin = (from: string, to: string) => {
  const horizon = `(${to} + interval '1 day')`;
  return `LEFT JOIN (
    SELECT DISTINCT ON (iu.incident_id COLLATE "C") iu.incident_id, iu.unit_id, iu.on_scene_at
      FROM incident_units iu
     WHERE iu.dispatched_at >= ${from} AND iu.dispatched_at < ${horizon}
     ORDER BY iu.incident_id COLLATE "C", ${LEAD_ORDER}) near ON near.incident_id = i.id
  LEFT JOIN units lead_unit ON lead_unit.id = CASE
    WHEN near.on_scene_at < ${horizon} THEN near.unit_id
    WHEN i.dispatched_at IS NOT NULL THEN (SELECT iu.unit_id FROM incident_units iu WHERE iu.incident_id = i.id ORDER BY ${LEAD_ORDER} LIMIT 1)
  END`;
};

export interface IncidentScope {
  /** `incidents i` plus the lead-unit join when it is needed */
  from: string;
  where: string;
}

export interface ScopeOptions {
  /** join the lead unit even without a force/team filter (grouping by it, listing it) */
  lead?: boolean;
  /** leave cancelled and false alarms out here rather than count them separately */
  receivedOnly?: boolean;
  /** `force`/`teamId` filter the lead unit (incident tables) or are applied by the caller (unit tables) */
  leadFilters?: boolean;
}

/** The incidents an analytics request is about: received in [from, to), with the optional filters. */
export function incidentScope(f: Pick<AnalyticsFilters, 'from' | 'to' | 'gridId' | 'force' | 'teamId' | 'category' | 'priority'>, p: SqlParams, o: ScopeOptions = {}): IncidentScope {
  const leadFilters = o.leadFilters ?? true;
  const from = p.add(f.from, 'timestamptz');
  const to = p.add(f.to, 'timestamptz');
  const conditions = [`i.created_at >= ${from}`, `i.created_at < ${to}`];
  if (o.receivedOnly) conditions.push(RECEIVED_SQL());
  if (f.gridId) conditions.push(`i.grid_id = ${p.add(f.gridId, 'text')}`);
  if (f.category) conditions.push(`i.category = ${p.add(f.category, 'text')}`);
  if (f.priority) conditions.push(`i.priority = ${p.add(f.priority, 'text')}`);
  if (leadFilters && f.force) conditions.push(`lead_unit.force = ${p.add(f.force, 'text')}`);
  if (leadFilters && f.teamId) conditions.push(`lead_unit.team_id = ${p.add(f.teamId, 'text')}`);
  const lead = o.lead || (leadFilters && Boolean(f.force || f.teamId));
  return { from: lead ? `incidents i ${windowLeadJoin(from, to)}` : 'incidents i', where: conditions.join(' AND ') };
}
