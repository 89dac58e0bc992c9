import type { AnalyticsFilters } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { SettledFigures } from './settled-figures.js';
import type { SqlParams } from './sql-params.js';

/** What every analytics query needs: a connection and the zone local buckets are taken in. */
export interface AnalyticsContext {
  db: Queryable;
  timeZone: string;
  /** the instance's kept figures of settled periods; without them every period is computed from the facts */
  settled?: SettledFigures | undefined;
}

/**
 * Incident tables read `incident_facts f` (migration 012): one narrow row per
 * incident with its phases in whole seconds, local calendar keys and lead unit,
 * kept by triggers in the transaction of every change. `f.received` is false for
 * cancelled cases and false alarms (the rule of `loopRates` and /api/stats/loop).
 */
export const FACTS_TABLE = 'incident_facts f';

/**
 * The lead unit's current force and team: the facts hold the unit's id only,
 * because units are not versioned and a team change must show at once.
 */
export const LEAD_UNIT_JOIN = 'LEFT JOIN units lead_unit ON lead_unit.id = f.lead_unit_id';

export interface IncidentScope {
  /** `incident_facts f` plus the lead unit when it is needed */
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
  /** another table with the same window and filter columns under the alias `f` (assignment_facts) */
  table?: string;
}

/** The incidents an analytics request is about: received in [from, to), with the optional filters. */
export function incidentScope(
  f: Pick<AnalyticsFilters, 'from' | 'to' | 'gridId' | 'force' | 'teamId' | 'category' | 'priority'>,
  p: SqlParams,
  o: ScopeOptions = {},
): IncidentScope {
  const leadFilters = o.leadFilters ?? true;
  const conditions = [`f.created_at >= ${p.add(f.from, 'timestamptz')}`, `f.created_at < ${p.add(f.to, 'timestamptz')}`];
  if (o.receivedOnly) conditions.push('f.received');
  if (f.gridId) conditions.push(`f.grid_id = ${p.add(f.gridId, 'text')}`);
  if (f.category) conditions.push(`f.category = ${p.add(f.category, 'text')}`);
  if (f.priority) conditions.push(`f.priority = ${p.add(f.priority, 'text')}`);
  if (leadFilters && f.force) conditions.push(`lead_unit.force = ${p.add(f.force, 'text')}`);
  if (leadFilters && f.teamId) conditions.push(`lead_unit.team_id = ${p.add(f.teamId, 'text')}`);
  const lead = o.lead || (leadFilters && Boolean(f.force || f.teamId));
  const table = o.table ?? FACTS_TABLE;
  return { from: lead ? `${table} ${LEAD_UNIT_JOIN}` : table, where: conditions.join(' AND ') };
}
