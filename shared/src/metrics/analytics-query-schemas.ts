import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, stringEnum } from '../schemas/common.js';
import { IncidentCategorySchema, PrioritySchema } from '../schemas/incident.js';
import {
  ANALYTICS_GROUPINGS,
  CLOSURE_PERCENTILES,
  COVERAGE_INTERVALS,
  DRILLDOWN_SUBSETS,
  RESPONSE_PERCENTILES,
  UNIT_ROLLUPS,
} from './analytics-definitions.js';

/** `csv`: the same rows as the JSON `rows`, as text/csv (UTF-8 with BOM so Excel reads Chinese, RFC 4180 quoting). */
export const AnalyticsFormatSchema = stringEnum(['json', 'csv'] as const, 'json (default) or csv: the same rows as a spreadsheet');

/** The filters every incident analytics endpoint takes. The window is by time received, [from, to). */
export const AnalyticsFiltersSchema = Type.Object({
  from: Type.String({ format: 'date-time', description: 'window start (inclusive), ISO 8601' }),
  to: Type.String({ format: 'date-time', description: 'window end (exclusive), ISO 8601' }),
  gridId: Type.Optional(IdSchema),
  /** the lead unit's force (first on scene, else first dispatched); unit tables: the unit's own force */
  force: Type.Optional(ForceSchema),
  /** the lead unit's team; unit tables: the unit's own team */
  teamId: Type.Optional(IdSchema),
  category: Type.Optional(IncidentCategorySchema),
  priority: Type.Optional(PrioritySchema),
  format: Type.Optional(AnalyticsFormatSchema),
});

export const GroupedAnalyticsQuerySchema = Type.Composite([
  AnalyticsFiltersSchema,
  Type.Object({ groupBy: Type.Optional(stringEnum(ANALYTICS_GROUPINGS, 'one row per value of this; time buckets are local (TIME_ZONE), default day')) }),
]);

/** The response table: which phases' p50/p90 to compute (the others are null); default all four. */
export const ResponseQuerySchema = Type.Composite([
  GroupedAnalyticsQuerySchema,
  Type.Object({
    percentiles: Type.Optional(
      stringEnum(RESPONSE_PERCENTILES, 'p50/p90 of all four phases (default), of the response time only, or none (counts and shares only)'),
    ),
  }),
]);

/** The closure table: with `none` the medians resolveP50 and closeP50 are null (not computed). */
export const ClosureQuerySchema = Type.Composite([
  GroupedAnalyticsQuerySchema,
  Type.Object({ percentiles: Type.Optional(stringEnum(CLOSURE_PERCENTILES, 'the medians to resolve and close (all, default) or none')) }),
]);

export const CoverageQuerySchema = Type.Composite([
  AnalyticsFiltersSchema,
  Type.Object({ interval: Type.Optional(stringEnum(COVERAGE_INTERVALS, 'local hour or day buckets, default day')) }),
]);

export const UnitActivityQuerySchema = Type.Composite([
  AnalyticsFiltersSchema,
  Type.Object({ per: Type.Optional(stringEnum(UNIT_ROLLUPS, 'one row per unit (default), team or force')) }),
]);

export const DrilldownQuerySchema = Type.Composite([
  AnalyticsFiltersSchema,
  Type.Object({
    groupBy: Type.Optional(stringEnum(ANALYTICS_GROUPINGS, 'the grouping of the chart the bar belongs to')),
    groupKey: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the `key` of that bar (required with groupBy)' })),
    only: Type.Optional(stringEnum(DRILLDOWN_SUBSETS, 'which incidents behind the bar, default received')),
    responseFrom: Type.Optional(Type.Integer({ minimum: 0, description: 'only arrivals with response (seconds) at least this: a bar of the distribution' })),
    responseTo: Type.Optional(Type.Integer({ minimum: 1, description: 'only arrivals with response (seconds) below this' })),
    weekday: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 7, description: 'only incidents received on this local ISO weekday (1 = Monday): a heatmap cell' }),
    ),
    hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23, description: 'only incidents received in this local hour' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'default 100' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, description: 'default 0' })),
  }),
]);

export const TracksQuerySchema = Type.Object({
  unitIds: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,49}$', description: 'comma-separated unit ids, at most 50' }),
  from: Type.String({ format: 'date-time', description: 'window start (inclusive), by device time' }),
  to: Type.String({ format: 'date-time', description: 'window end (exclusive)' }),
  format: Type.Optional(AnalyticsFormatSchema),
});

export type AnalyticsFilters = Static<typeof AnalyticsFiltersSchema>;
export type GroupedAnalyticsQuery = Static<typeof GroupedAnalyticsQuerySchema>;
export type ResponseQuery = Static<typeof ResponseQuerySchema>;
export type ClosureQuery = Static<typeof ClosureQuerySchema>;
export type CoverageQuery = Static<typeof CoverageQuerySchema>;
export type UnitActivityQuery = Static<typeof UnitActivityQuerySchema>;
export type DrilldownQuery = Static<typeof DrilldownQuerySchema>;
export type TracksQuery = Static<typeof TracksQuerySchema>;
