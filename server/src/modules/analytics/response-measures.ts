import type { ResponsePercentiles, ResponseQuery, ResponseRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { groupedAggregate } from './grouped-aggregate.js';
import { PHASES } from './incident-expressions.js';
import type { GroupedFigures, MeasureSpec } from './measure-spec.js';

const FACTS = { ...PHASES, within: 'f.within_target', within_five: 'f.within_five' };

const COUNTS: MeasureSpec['counts'] = [
  { name: 'received', sql: 'count(*) FILTER (WHERE rec)' },
  { name: 'excluded', sql: 'count(*) FILTER (WHERE NOT rec)' },
  { name: 'dispatched', sql: 'count(f.processing) FILTER (WHERE rec)' },
  { name: 'enRoute', sql: 'count(f.turnout) FILTER (WHERE rec)' },
  { name: 'responded', sql: 'count(f.response) FILTER (WHERE rec)' },
  { name: 'withinFive', sql: 'count(*) FILTER (WHERE rec AND f.within_five)' },
  { name: 'withinTarget', sql: 'count(*) FILTER (WHERE rec AND f.within)' },
];

/**
 * The phases whose p50/p90 are computed. Each sends every value of the periods
 * not kept yet (the bulk of a year-long table computed from scratch), so a caller
 * that draws only the response time does not pay for the other three.
 */
const PERCENTILE_PHASES: Record<ResponsePercentiles, readonly (keyof typeof PHASES)[]> = {
  all: ['processing', 'turnout', 'travel', 'response'],
  response: ['response'],
  none: [],
};

// p50 and p90 of each phase over received incidents (linear interpolation, as percentile_cont)
// the narrower tables are served from the full table's kept periods when those are there (period-states.ts)
const specFor = (which: ResponsePercentiles): MeasureSpec => ({
  id: `response/${which}`,
  facts: FACTS,
  counts: COUNTS,
  distributions: PERCENTILE_PHASES[which].map((phase) => ({ name: phase, value: `f.${phase}`, where: 'rec', percentiles: [50, 90] })),
  ...(which === 'all' ? {} : { servedFrom: { id: 'response/all', dists: PERCENTILE_PHASES[which].map((phase) => PERCENTILE_PHASES.all.indexOf(phase)) } }),
});
const SPECS: Record<ResponsePercentiles, MeasureSpec> = { all: specFor('all'), response: specFor('response'), none: specFor('none') };

const pct = (value: unknown, i: 0 | 1): number | null => (Array.isArray(value) ? ((value[i] as number | null) ?? null) : null);
const int = (value: unknown): number => (typeof value === 'number' ? value : 0);

function toRow(r: GroupedFigures): ResponseRow {
  const responded = int(r.responded);
  const withinTarget = int(r.withinTarget);
  const withinFive = int(r.withinFive);
  return {
    key: r.key,
    label: r.label,
    received: int(r.received),
    excluded: int(r.excluded),
    dispatched: int(r.dispatched),
    enRoute: int(r.enRoute),
    responded,
    processingP50: pct(r.processing, 0),
    processingP90: pct(r.processing, 1),
    turnoutP50: pct(r.turnout, 0),
    turnoutP90: pct(r.turnout, 1),
    travelP50: pct(r.travel, 0),
    travelP90: pct(r.travel, 1),
    responseP50: pct(r.response, 0),
    responseP90: pct(r.response, 1),
    withinFive,
    withinFiveShare: responded > 0 ? withinFive / responded : null,
    withinTarget,
    withinTargetShare: responded > 0 ? withinTarget / responded : null,
  };
}

/**
 * Response phases per group: counts, p50/p90 (shared distributionPercentile, the
 * same as percentile_cont) and the share of arrivals within target. A percentile
 * left out by `q.percentiles` is null.
 */
export async function responseMeasures(ctx: AnalyticsContext, q: ResponseQuery): Promise<{ rows: ResponseRow[]; total: ResponseRow }> {
  const { groups, total } = await groupedAggregate(ctx, q, SPECS[q.percentiles ?? 'all']);
  return { rows: groups.map(toRow), total: toRow(total) };
}
