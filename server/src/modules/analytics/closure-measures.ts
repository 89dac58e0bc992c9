import { loopRates, type ClosureQuery, type ClosureRow, type LoopCounts } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { groupedAggregate } from './grouped-aggregate.js';
import type { GroupedFigures, MeasureSpec } from './measure-spec.js';

const FACTS = {
  status: 'f.status',
  category: 'f.category',
  outcome: 'f.outcome',
  settled_level: 'f.settled_level',
  rating: 'f.rating',
  resolve_s: 'f.resolve_s',
  close_s: 'f.close_s',
  concluded: 'f.concluded',
  false_alarm: 'f.false_alarm',
};
const RESOLVED = `f.status IN ('resolved','closed')`;

/** The medians: each sends its values of the periods not kept yet, so a caller that draws none can leave them out. */
const MEDIANS: MeasureSpec['distributions'] = [
  { name: 'resolveP50', value: 'f.resolve_s', where: `rec AND ${RESOLVED}`, percentiles: [50] },
  { name: 'closeP50', value: 'f.close_s', where: `rec AND f.status = 'closed'`, percentiles: [50] },
];

/** The counts of /api/stats/loop (the same definitions, shared loop-stats.ts), per group, plus the ratings. */
const COUNTS: MeasureSpec['counts'] = [
  { name: 'received', sql: 'count(*) FILTER (WHERE rec)' },
  { name: 'concluded', sql: 'count(*) FILTER (WHERE rec AND f.concluded)' },
  { name: 'resolved', sql: `count(*) FILTER (WHERE rec AND ${RESOLVED})` },
  { name: 'evaluated', sql: `count(*) FILTER (WHERE rec AND f.status = 'closed')` },
  { name: 'falseAlarms', sql: 'count(*) FILTER (WHERE rec AND f.false_alarm)' },
  { name: 'settledGrid', sql: `count(*) FILTER (WHERE rec AND f.settled_level = 'grid')` },
  { name: 'settledCommunity', sql: `count(*) FILTER (WHERE rec AND f.settled_level = 'community')` },
  { name: 'settledStreet', sql: `count(*) FILTER (WHERE rec AND f.settled_level = 'street')` },
  { name: 'settledDepartment', sql: `count(*) FILTER (WHERE rec AND f.settled_level = 'department')` },
  { name: 'disputesReceived', sql: `count(*) FILTER (WHERE rec AND f.category = 'dispute')` },
  { name: 'disputesConcluded', sql: `count(*) FILTER (WHERE rec AND f.category = 'dispute' AND f.concluded)` },
  { name: 'disputesMediated', sql: `count(*) FILTER (WHERE rec AND f.category = 'dispute' AND f.outcome = 'mediated')` },
  { name: 'rated', sql: 'count(f.rating) FILTER (WHERE rec)' },
  // the sum behind the mean (whole numbers: exact in float8), so that any period's mean is sum ÷ count of its parts
  { name: 'ratingSum', sql: 'COALESCE(sum(f.rating) FILTER (WHERE rec), 0)' },
];

const SPECS = {
  all: { id: 'closure/all', facts: FACTS, counts: COUNTS, distributions: MEDIANS },
  // served from the full table's kept periods when those are there (period-states.ts)
  none: { id: 'closure/none', facts: FACTS, counts: COUNTS, distributions: [], servedFrom: { id: 'closure/all', dists: [] } },
} satisfies Record<string, MeasureSpec>;

const int = (value: unknown): number => (typeof value === 'number' ? value : 0);
const first = (value: unknown): number | null => (Array.isArray(value) && typeof value[0] === 'number' ? value[0] : null);

function toRow(r: GroupedFigures): ClosureRow {
  const counts: LoopCounts = {
    received: int(r.received),
    concluded: int(r.concluded),
    resolved: int(r.resolved),
    evaluated: int(r.evaluated),
    falseAlarms: int(r.falseAlarms),
    settledGrid: int(r.settledGrid),
    settledCommunity: int(r.settledCommunity),
    settledStreet: int(r.settledStreet),
    settledDepartment: int(r.settledDepartment),
    disputesReceived: int(r.disputesReceived),
    disputesConcluded: int(r.disputesConcluded),
    disputesMediated: int(r.disputesMediated),
  };
  // The rates are the shared code's, the same the web and /api/stats/loop use.
  const rates = loopRates(counts);
  return {
    key: r.key,
    label: r.label,
    received: counts.received,
    concluded: counts.concluded,
    closureRate: rates.closureRate,
    open: counts.received - counts.concluded,
    openShare: rates.openShare,
    resolved: counts.resolved,
    evaluated: counts.evaluated,
    evaluatedShare: rates.evaluatedShare,
    rated: int(r.rated),
    ratingMean: int(r.rated) > 0 ? int(r.ratingSum) / int(r.rated) : null,
    falseAlarms: counts.falseAlarms,
    falseAlarmShare: rates.falseAlarmShare,
    resolveP50: first(r.resolveP50),
    closeP50: first(r.closeP50),
    settledGrid: counts.settledGrid,
    settledCommunity: counts.settledCommunity,
    settledStreet: counts.settledStreet,
    settledDepartment: counts.settledDepartment,
    settledGridShare: rates.settledShare?.grid ?? null,
    settledCommunityShare: rates.settledShare?.community ?? null,
    settledStreetShare: rates.settledShare?.street ?? null,
    settledDepartmentShare: rates.settledShare?.department ?? null,
    disputesReceived: counts.disputesReceived,
    disputesConcluded: counts.disputesConcluded,
    disputesMediated: counts.disputesMediated,
    mediationSuccessRate: rates.mediationSuccessRate,
  };
}

/**
 * Closure per group: 办结率 (concluded ÷ received) with the open, evaluated and false-alarm shares, median times to resolve and close, level
 * that settled, mediation, rating. With `percentiles: 'none'` the medians are null.
 */
export async function closureMeasures(ctx: AnalyticsContext, q: ClosureQuery): Promise<{ rows: ClosureRow[]; total: ClosureRow }> {
  const { groups, total } = await groupedAggregate(ctx, q, q.percentiles === 'none' ? SPECS.none : SPECS.all);
  return { rows: groups.map(toRow), total: toRow(total) };
}
