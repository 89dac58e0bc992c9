import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './common.js';
import { GridFeatureSchema, StationFeatureSchema } from './geography-admin.js';

/**
 * GET /api/admin/drafts/geography (issue 19, "Start from the extract"): grids and stations read
 * from the ROAD_NETWORK extract, as a draft the administrator edits before importing. Both
 * collections are exactly the GeoJSON import format, so each goes as it is (or after unticking
 * and renaming) to POST /api/admin/import/grids and /api/admin/import/stations.
 */
export const GEOGRAPHY_DRAFT_SOURCES = ['boundaries', 'tiling'] as const;
/** boundaries: the extract's administrative boundaries; tiling: ~1 km squares where there are roads (no usable boundaries) */
export const GeographyDraftSourceSchema = stringEnum(GEOGRAPHY_DRAFT_SOURCES);

export const GeographyDraftSchema = Type.Object({
  source: GeographyDraftSourceSchema,
  /** parents first (streets, then communities); codes stay the same for the same extract */
  grids: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(GridFeatureSchema) }),
  stations: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(StationFeatureSchema) }),
});
export type GeographyDraft = Static<typeof GeographyDraftSchema>;
export type GeographyDraftSource = Static<typeof GeographyDraftSourceSchema>;
