import { OPEN_INCIDENT_STATUSES, type DrilldownQuery, type DrilldownRow, type DrilldownSubset } from '@lianfang/shared';
import { incidentScope, LEAD_UNIT_JOIN, type AnalyticsContext } from './analytics-scope.js';
import { groupKeyCondition } from './group-key-filter.js';
import { incidentExpressions, localCreatedSql, needsLead } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';

const e = incidentExpressions('i');

/** The subsets a chart shows as bars: `withinTarget` + `breached` = `responded`, as counted in the response table. */
const SUBSETS: Record<DrilldownSubset, string> = {
  received: 'true',
  responded: 'i.on_scene_at IS NOT NULL',
  withinTarget: e.withinTarget,
  breached: `NOT ${e.withinTarget}`,
  open: `i.status IN (${OPEN_INCIDENT_STATUSES.map((s) => `'${s}'`).join(',')})`,
  closed: `i.status = 'closed'`,
};

/** FROM … WHERE … of the incidents behind one bar; built per query because each has its own parameters. */
function behindTheBar(q: DrilldownQuery, p: SqlParams, tz: string): { from: string; where: string } {
  const scope = incidentScope(q, p, { receivedOnly: true, lead: needsLead(q.groupBy) });
  const conditions = [scope.where, SUBSETS[q.only ?? 'received']];
  if (q.groupBy && q.groupKey !== undefined) conditions.push(groupKeyCondition(q.groupBy, q.groupKey, p, p.lazy(tz, 'text')));
  // A bar of the response-time distribution: the same expression the histogram bins on.
  if (q.responseFrom !== undefined) conditions.push(`${e.response} >= ${p.add(q.responseFrom, 'float8')}`);
  if (q.responseTo !== undefined) conditions.push(`${e.response} < ${p.add(q.responseTo, 'float8')}`);
  // A cell of the weekday × hour heatmap, in the same local time the heatmap counts in.
  const local = () => localCreatedSql('i', p.add(tz, 'text'));
  if (q.weekday !== undefined) conditions.push(`date_part('isodow', ${local()}) = ${p.add(q.weekday, 'int')}`);
  if (q.hour !== undefined) conditions.push(`date_part('hour', ${local()}) = ${p.add(q.hour, 'int')}`);
  return { from: scope.from, where: conditions.join(' AND ') };
}

interface Raw {
  id: string; created_at: Date; category: string; priority: string; status: string; grid_id: string | null; grid_name: string | null;
  unit_id: string | null; callsign: string | null; force: string | null; team_id: string | null;
  processing: number | null; turnout: number | null; travel: number | null; response: number | null; target: number; within: boolean | null;
}

/**
 * The incidents behind any aggregate (same filters, plus the bar's group and
 * subset), oldest first, one page at a time. The page is cut before the lead unit
 * is looked up, so a long window costs one probe per listed incident, not per incident.
 */
export async function incidentDrilldown(ctx: AnalyticsContext, q: DrilldownQuery): Promise<{ rows: DrilldownRow[]; total: number; limit: number; offset: number }> {
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const cp = new SqlParams();
  const counted = behindTheBar(q, cp, ctx.timeZone);
  const [count] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${counted.from} WHERE ${counted.where}`, cp.values);

  const p = new SqlParams();
  const page = behindTheBar(q, p, ctx.timeZone);
  const raw = await ctx.db.query<Raw>(
    `WITH page AS (SELECT i.id FROM ${page.from} WHERE ${page.where} ORDER BY i.created_at, i.id LIMIT ${p.add(limit, 'int')} OFFSET ${p.add(offset, 'int')})
     SELECT i.id, i.created_at, i.category, i.priority, i.status, i.grid_id, g.name AS grid_name,
            lead.unit_id, lead_unit.callsign, lead_unit.force, lead_unit.team_id,
            ${e.processing} AS processing, ${e.turnout} AS turnout, ${e.travel} AS travel, ${e.response} AS response,
            ${e.target} AS target, ${e.withinTarget} AS within
       FROM page JOIN incidents i ON i.id = page.id ${LEAD_UNIT_JOIN} LEFT JOIN grids g ON g.id = i.grid_id
      ORDER BY i.created_at, i.id`,
    p.values,
  );
  const rows = raw.map((r): DrilldownRow => ({
    id: r.id, createdAt: new Date(r.created_at).toISOString(), category: r.category, priority: r.priority, status: r.status,
    gridId: r.grid_id, gridName: r.grid_name, leadUnitId: r.unit_id, leadCallsign: r.callsign, force: r.force, teamId: r.team_id,
    processing: r.processing, turnout: r.turnout, travel: r.travel, response: r.response, targetSeconds: r.target, withinTarget: r.within,
  }));
  return { rows, total: count?.n ?? 0, limit, offset };
}
