import { OPEN_INCIDENT_STATUSES, type DrilldownQuery, type DrilldownRow, type DrilldownSubset } from '@lianfang/shared';
import { incidentScope, LEAD_UNIT_JOIN, type AnalyticsContext } from './analytics-scope.js';
import { groupKeyCondition } from './group-key-filter.js';
import { needsLead, PHASES, targetSql } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';

/** The subsets a chart shows as bars: `withinTarget` + `breached` = `responded`, as counted in the response table. */
const SUBSETS: Record<DrilldownSubset, string> = {
  received: 'true',
  responded: 'f.response_s IS NOT NULL',
  withinFive: 'f.within_five',
  withinTarget: 'f.within_target',
  breached: 'NOT f.within_target',
  open: `f.status IN (${OPEN_INCIDENT_STATUSES.map((s) => `'${s}'`).join(',')})`,
  concluded: 'f.concluded',
  closed: `f.status = 'closed'`,
  falseAlarms: 'f.false_alarm',
};

/** FROM … WHERE … of the incidents behind one bar; built per query because each has its own parameters. */
function behindTheBar(q: DrilldownQuery, p: SqlParams, tz: string): { from: string; where: string } {
  const scope = incidentScope(q, p, { receivedOnly: true, lead: needsLead(q.groupBy) });
  const conditions = [scope.where, SUBSETS[q.only ?? 'received']];
  if (q.groupBy && q.groupKey !== undefined) conditions.push(groupKeyCondition(q.groupBy, q.groupKey, p, p.lazy(tz, 'text')));
  // A bar of the response-time distribution: the same expression the histogram bins on.
  if (q.responseFrom !== undefined) conditions.push(`f.response_s >= ${p.add(q.responseFrom, 'float8')}`);
  if (q.responseTo !== undefined) conditions.push(`f.response_s < ${p.add(q.responseTo, 'float8')}`);
  // A cell of the weekday × hour heatmap, in the same local time the heatmap counts in.
  if (q.weekday !== undefined) conditions.push(`f.local_isodow = ${p.add(q.weekday, 'int')}`);
  if (q.hour !== undefined) conditions.push(`f.local_hour = ${p.add(q.hour, 'int')}`);
  return { from: scope.from, where: conditions.join(' AND ') };
}

interface Raw {
  id: string;
  created_at: Date;
  category: string;
  priority: string;
  status: string;
  grid_id: string | null;
  grid_name: string | null;
  location_zh: string | null;
  location_en: string | null;
  unit_id: string | null;
  callsign: string | null;
  force: string | null;
  team_id: string | null;
  processing: number | null;
  turnout: number | null;
  travel: number | null;
  response: number | null;
  target: number;
  within: boolean | null;
  within_five: boolean | null;
  received_at: Date;
}

/**
 * The incidents behind any aggregate (same filters, plus the bar's group and
 * subset), oldest first, one page at a time, from the same facts the tables count.
 */
export async function incidentDrilldown(
  ctx: AnalyticsContext,
  q: DrilldownQuery,
): Promise<{ rows: DrilldownRow[]; total: number; limit: number; offset: number }> {
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const cp = new SqlParams();
  const counted = behindTheBar(q, cp, ctx.timeZone);
  const [count] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${counted.from} WHERE ${counted.where}`, cp.values);

  const p = new SqlParams();
  const page = behindTheBar(q, p, ctx.timeZone);
  const raw = await ctx.db.query<Raw>(
    `WITH page AS (SELECT f.incident_id FROM ${page.from} WHERE ${page.where} ORDER BY f.created_at, f.incident_id LIMIT ${p.add(limit, 'int')} OFFSET ${p.add(offset, 'int')})
     SELECT f.incident_id AS id, f.created_at, f.category, f.priority, f.status, f.grid_id, g.name AS grid_name,
            i.location_text->>'zh' AS location_zh, i.location_text->>'en' AS location_en,
            f.lead_unit_id AS unit_id, lead_unit.callsign, lead_unit.force, lead_unit.team_id,
            ${PHASES.processing} AS processing, ${PHASES.turnout} AS turnout, ${PHASES.travel} AS travel, ${PHASES.response} AS response,
            ${targetSql('f.priority')} AS target, f.within_target AS within, f.within_five, f.received_at
       FROM page JOIN incident_facts f ON f.incident_id = page.incident_id ${LEAD_UNIT_JOIN} LEFT JOIN grids g ON g.id = f.grid_id
            JOIN incidents i ON i.id = f.incident_id
      ORDER BY f.created_at, f.incident_id`,
    p.values,
  );
  const rows = raw.map((r): DrilldownRow => ({
    id: r.id,
    createdAt: new Date(r.created_at).toISOString(),
    receivedAt: new Date(r.received_at).toISOString(),
    category: r.category,
    priority: r.priority,
    status: r.status,
    gridId: r.grid_id,
    gridName: r.grid_name,
    locationZh: r.location_zh,
    locationEn: r.location_en,
    leadUnitId: r.unit_id,
    leadCallsign: r.callsign,
    force: r.force,
    teamId: r.team_id,
    processing: r.processing,
    turnout: r.turnout,
    travel: r.travel,
    response: r.response,
    targetSeconds: r.target,
    withinFive: r.within_five,
    withinTarget: r.within,
  }));
  return { rows, total: count?.n ?? 0, limit, offset };
}
