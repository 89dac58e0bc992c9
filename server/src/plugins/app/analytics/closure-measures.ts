import { loopRates, type ClosureQuery, type ClosureRow, type LoopCounts } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { countAggregate, groupedAggregate, type Aggregate, type Facts, type GroupedRaw } from './grouped-aggregate.js';

const FACTS: Facts = {
  status: 'f.status', category: 'f.category', outcome: 'f.outcome', settled_level: 'f.settled_level', rating: 'f.rating',
  resolve_s: 'f.resolve_s', close_s: 'f.close_s',
};
const RESOLVED = `f.status IN ('resolved','closed')`;

/** The medians: each sorts its values per group and for the total, so a caller that draws none can leave them out. */
const MEDIANS: readonly Aggregate[] = [
  { name: 'resolveP50', sql: `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.resolve_s) FILTER (WHERE rec AND ${RESOLVED})` },
  { name: 'closeP50', sql: `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.close_s) FILTER (WHERE rec AND f.status = 'closed')` },
];

/** The counts of /api/stats/loop (same definitions), per group, plus the ratings. */
const COUNTS: readonly Aggregate[] = [
  countAggregate('received', 'count(*) FILTER (WHERE rec)::int'),
  countAggregate('resolvedOrClosed', `count(*) FILTER (WHERE rec AND ${RESOLVED})::int`),
  countAggregate('closed', `count(*) FILTER (WHERE rec AND f.status = 'closed')::int`),
  countAggregate('settledGrid', `count(*) FILTER (WHERE rec AND f.settled_level = 'grid')::int`),
  countAggregate('settledCommunity', `count(*) FILTER (WHERE rec AND f.settled_level = 'community')::int`),
  countAggregate('settledStreet', `count(*) FILTER (WHERE rec AND f.settled_level = 'street')::int`),
  countAggregate('settledDepartment', `count(*) FILTER (WHERE rec AND f.settled_level = 'department')::int`),
  countAggregate('disputesResolved', `count(*) FILTER (WHERE rec AND f.category = 'dispute' AND ${RESOLVED})::int`),
  countAggregate('disputesMediated', `count(*) FILTER (WHERE rec AND f.category = 'dispute' AND f.outcome = 'mediated')::int`),
  countAggregate('rated', 'count(f.rating) FILTER (WHERE rec)::int'),
  // the sum behind the mean, so that the total's mean is exactly avg(): avg(smallint) is numeric sum ÷ numeric count
  { name: 'ratingSum', sql: 'sum(f.rating) FILTER (WHERE rec)', total: 'sum(g."ratingSum")' },
  { name: 'ratingMean', sql: 'avg(f.rating) FILTER (WHERE rec)::float8', total: '(sum(g."ratingSum")::numeric / NULLIF(sum(g."rated"), 0)::numeric)::float8' },
];

const int = (value: unknown): number => (typeof value === 'number' ? value : 0);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function toRow(r: GroupedRaw): ClosureRow {
  const counts: LoopCounts = {
    received: int(r.received), closed: int(r.closed), resolvedOrClosed: int(r.resolvedOrClosed),
    settledGrid: int(r.settledGrid), settledCommunity: int(r.settledCommunity), settledStreet: int(r.settledStreet), settledDepartment: int(r.settledDepartment),
    disputesResolved: int(r.disputesResolved), disputesMediated: int(r.disputesMediated),
  };
  // The rates are the shared code's, the same the web and /api/stats/loop use.
  const rates = loopRates(counts);
  return {
    key: r.key, label: r.label,
    received: counts.received, resolved: counts.resolvedOrClosed, closed: counts.closed, closureRate: rates.closureRate,
    resolveP50: num(r.resolveP50), closeP50: num(r.closeP50),
    settledGrid: counts.settledGrid, settledCommunity: counts.settledCommunity, settledStreet: counts.settledStreet, settledDepartment: counts.settledDepartment,
    settledGridShare: rates.settledShare?.grid ?? null, settledCommunityShare: rates.settledShare?.community ?? null,
    settledStreetShare: rates.settledShare?.street ?? null, settledDepartmentShare: rates.settledShare?.department ?? null,
    disputesResolved: counts.disputesResolved, disputesMediated: counts.disputesMediated, mediationSuccessRate: rates.mediationSuccessRate,
    rated: int(r.rated), ratingMean: num(r.ratingMean),
  };
}

/**
 * Closure per group: closed ÷ received, median times to resolve and close, level
 * that settled, mediation, rating. With `percentiles: 'none'` the medians are null.
 */
export async function closureMeasures(ctx: AnalyticsContext, q: ClosureQuery): Promise<{ rows: ClosureRow[]; total: ClosureRow }> {
  const aggregates = q.percentiles === 'none' ? COUNTS : [...COUNTS, ...MEDIANS];
  const { groups, total } = await groupedAggregate(ctx, q, FACTS, aggregates);
  return { rows: groups.map(toRow), total: toRow(total) };
}
