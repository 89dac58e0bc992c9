import type { ResponsePercentiles, ResponseQuery, ResponseRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { countAggregate, groupedAggregate, type Aggregate, type Facts, type GroupedRaw } from './grouped-aggregate.js';
import { PHASES } from './incident-expressions.js';

const FACTS: Facts = { ...PHASES, within: 'f.within_target' };

// percentile_cont is the shared `percentile` (linear interpolation); one call per phase gives p50 and p90 from one sort.
const percentiles = (name: string, expr: string): Aggregate => ({ name, sql: `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${expr}) FILTER (WHERE rec)` });

const COUNTS: readonly Aggregate[] = [
  countAggregate('received', 'count(*) FILTER (WHERE rec)::int'),
  countAggregate('excluded', 'count(*) FILTER (WHERE NOT rec)::int'),
  countAggregate('dispatched', 'count(f.processing) FILTER (WHERE rec)::int'),
  countAggregate('enRoute', 'count(f.turnout) FILTER (WHERE rec)::int'),
  countAggregate('responded', 'count(f.response) FILTER (WHERE rec)::int'),
  countAggregate('withinTarget', 'count(*) FILTER (WHERE rec AND f.within)::int'),
];

/**
 * The phases whose p50/p90 are computed. Each is a sort of its values per group
 * and again for the total (the bulk of a year-long table), so a caller that
 * draws only the response time does not pay for the other three.
 */
const PERCENTILE_PHASES: Record<ResponsePercentiles, readonly (keyof typeof PHASES)[]> = {
  all: ['processing', 'turnout', 'travel', 'response'],
  response: ['response'],
  none: [],
};

const aggregatesFor = (which: ResponsePercentiles): readonly Aggregate[] =>
  [...COUNTS, ...PERCENTILE_PHASES[which].map((phase) => percentiles(phase, `f.${phase}`))];

const pct = (value: unknown, i: 0 | 1): number | null => (Array.isArray(value) ? ((value[i] as number | null) ?? null) : null);
const int = (value: unknown): number => (typeof value === 'number' ? value : 0);

function toRow(r: GroupedRaw): ResponseRow {
  const responded = int(r.responded);
  const withinTarget = int(r.withinTarget);
  return {
    key: r.key, label: r.label,
    received: int(r.received), excluded: int(r.excluded), dispatched: int(r.dispatched), enRoute: int(r.enRoute), responded,
    processingP50: pct(r.processing, 0), processingP90: pct(r.processing, 1),
    turnoutP50: pct(r.turnout, 0), turnoutP90: pct(r.turnout, 1),
    travelP50: pct(r.travel, 0), travelP90: pct(r.travel, 1),
    responseP50: pct(r.response, 0), responseP90: pct(r.response, 1),
    withinTarget, withinTargetShare: responded > 0 ? withinTarget / responded : null,
  };
}

/**
 * Response phases per group: counts, p50/p90 (PostgreSQL percentile_cont) and the
 * share of arrivals within target. A percentile left out by `q.percentiles` is null.
 */
export async function responseMeasures(ctx: AnalyticsContext, q: ResponseQuery): Promise<{ rows: ResponseRow[]; total: ResponseRow }> {
  const { groups, total } = await groupedAggregate(ctx, q, FACTS, aggregatesFor(q.percentiles ?? 'all'));
  return { rows: groups.map(toRow), total: toRow(total) };
}
