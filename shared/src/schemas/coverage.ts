import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, LatSchema, LonSchema, ModeSchema } from './common.js';

/** The response circle: a cell counts as covered when someone can be there within this. */
export const COVERAGE_LIMIT_MINUTES = 15;

/** Shares are fractions 0…1 of the H3 cells of an area reachable within 5 and 15 minutes. */
export const CoverageShareWithinSchema = Type.Object({ within5: Type.Number({ minimum: 0, maximum: 1 }), within15: Type.Number({ minimum: 0, maximum: 1 }) });

export const CoverageShareSchema = Type.Object({
  /** All grids together (each cell once); the whole coverage map when no grids are defined. */
  overall: CoverageShareWithinSchema,
  perGrid: Type.Array(Type.Object({ gridId: IdSchema, within5: Type.Number({ minimum: 0, maximum: 1 }), within15: Type.Number({ minimum: 0, maximum: 1 }) })),
});

/** A cluster of neighbouring cells nobody reaches within 15 minutes: where a post would help. */
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
});

export const WhatIfRequestSchema = Type.Object(
  {
    /** Extra responders: a unit moved in, a temporary post. */
    add: Type.Array(Type.Object({ lat: LatSchema, lon: LonSchema, mode: ModeSchema }, { additionalProperties: false }), { maxItems: 50 }),
    /** Units taken out (sent elsewhere, going off duty). */
    removeUnitIds: Type.Optional(Type.Array(IdSchema, { maxItems: 1000, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const WhatIfReplySchema = Type.Object({
  before: CoverageShareSchema,
  after: CoverageShareSchema,
  /** Cells within 15 minutes after but not before, and the other way round. */
  gainedCells: Type.Array(Type.String()),
  lostCells: Type.Array(Type.String()),
  /** Indexes into `add` of points too far from a road their mode uses: they cover nothing. */
  unplacedAdds: Type.Array(Type.Integer({ minimum: 0 })),
});

export type CoverageShareWithin = Static<typeof CoverageShareWithinSchema>;
export type CoverageShare = Static<typeof CoverageShareSchema>;
export type CoverageGapSummary = Static<typeof CoverageGapSchema>;
export type Coverage = Static<typeof CoverageSchema>;
export type WhatIfRequest = Static<typeof WhatIfRequestSchema>;
export type WhatIfReply = Static<typeof WhatIfReplySchema>;
