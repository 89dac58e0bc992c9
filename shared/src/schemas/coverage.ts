import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, LatSchema, LonSchema, ModeSchema } from './common.js';

/** The response circle: a cell counts as covered when someone can be there within this. */
export const COVERAGE_LIMIT_MINUTES = 15;

/**
 * The district's promise ("a patrol there in under 5 minutes"): the wall's coverage figure is
 * the share within this, and a gap is a cell of the jurisdiction nobody reaches within it.
 */
export const COVERAGE_GOAL_MINUTES = 5;

/** Shares are fractions 0…1 of the H3 cells of an area reachable within 5 and 15 minutes. */
export const CoverageShareWithinSchema = Type.Object({ within5: Type.Number({ minimum: 0, maximum: 1 }), within15: Type.Number({ minimum: 0, maximum: 1 }) });

export const CoverageShareSchema = Type.Object({
  /** All grids together (each cell once); the whole coverage map when no grids are defined. */
  overall: CoverageShareWithinSchema,
  perGrid: Type.Array(Type.Object({ gridId: IdSchema, within5: Type.Number({ minimum: 0, maximum: 1 }), within15: Type.Number({ minimum: 0, maximum: 1 }) })),
});

/** A cluster of neighbouring cells of the jurisdiction nobody reaches within the goal (5 minutes): where a post would help. */
export const CoverageGapSchema = Type.Object({
  cellCount: Type.Integer({ minimum: 1 }),
  /** Mean of the cell centres. */
  lat: LatSchema,
  lon: LonSchema,
  areaKm2: Type.Number({ minimum: 0 }),
});

/** `[h3 cell, minutes]`, minutes rounded to 0.1 and never above 15. */
export const CoverageCellSchema = Type.Tuple([Type.String(), Type.Number({ minimum: 0 })]);

export const CoverageSchema = Type.Object({
  /** Grows by one with each published change. */
  version: Type.Integer({ minimum: 1 }),
  computedAt: IsoTimeSchema,
  /** H3 resolution of the cells (COVERAGE_H3_RESOLUTION). */
  resolution: Type.Integer(),
  cells: Type.Array(CoverageCellSchema),
  share: CoverageShareSchema,
  /** The ten largest gaps, largest first. */
  gaps: Type.Array(CoverageGapSchema),
  /**
   * Every cell of the jurisdiction (all grids; the whole map without grids) nobody reaches within
   * the goal (COVERAGE_GOAL_MINUTES): the gap layer draws exactly these. Absent in maps published
   * before it existed.
   */
  gapCells: Type.Optional(Type.Array(Type.String())),
});

export const WhatIfRequestSchema = Type.Object(
  {
    /** Extra responders: a unit moved in, a temporary post. */
    add: Type.Array(Type.Object({ lat: LatSchema, lon: LonSchema, mode: ModeSchema }, { additionalProperties: false }), { maxItems: 50 }),
    /** Units taken out (sent elsewhere, going off duty). */
    removeUnitIds: Type.Optional(Type.Array(IdSchema, { maxItems: 1000, uniqueItems: true })),
    /**
     * Units moved to a new spot: each covers from there at its own mode, as an available unit
     * would (whatever it is doing now), and no longer from where it is.
     */
    move: Type.Optional(Type.Array(Type.Object({ unitId: IdSchema, lat: LatSchema, lon: LonSchema }, { additionalProperties: false }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);

export const WhatIfReplySchema = Type.Object({
  before: CoverageShareSchema,
  after: CoverageShareSchema,
  /** The goal the cell lists are measured against (COVERAGE_GOAL_MINUTES). */
  goalMinutes: Type.Number({ minimum: 0 }),
  /** Cells of the jurisdiction within the goal after but not before (gaps closed), and the other way round (gaps opened). */
  gainedCells: Type.Array(Type.String()),
  lostCells: Type.Array(Type.String()),
  /** Indexes into `add` of points too far from a road their mode uses: they cover nothing. */
  unplacedAdds: Type.Array(Type.Integer({ minimum: 0 })),
  /** Ids of moved units whose new spot is too far from a road their mode uses: they cover nothing there. */
  unplacedMoves: Type.Array(IdSchema),
});

export type CoverageShareWithin = Static<typeof CoverageShareWithinSchema>;
export type CoverageShare = Static<typeof CoverageShareSchema>;
export type CoverageGapSummary = Static<typeof CoverageGapSchema>;
export type Coverage = Static<typeof CoverageSchema>;
export type WhatIfRequest = Static<typeof WhatIfRequestSchema>;
export type WhatIfReply = Static<typeof WhatIfReplySchema>;
