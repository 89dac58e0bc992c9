import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';
import { GeoCodeSchema, GridLevelSchema, RingSchema, STATION_KINDS } from './geo.js';
import { KeyAreaFeatureSchema, PostFeatureSchema } from './duty-places-admin.js';

/**
 * The console's geography messages (issue 19): grids (street → community → grid) and stations
 * created, edited and retired by an administrator, and the GeoJSON they are imported and
 * exported as. The rules a grid must keep (a valid ring, the level order, inside its parent)
 * are checked on the server: see docs/admin-geography.md.
 */

const NameSchema = Type.String({ minLength: 1, maxLength: 80 });
const LeaderSchema = Nullable(Type.String({ maxLength: 80 }));
/** The leader's phone, as people write it (digits, spaces, -, +, extensions). */
const PhoneSchema = Nullable(Type.String({ maxLength: 40 }));
/** The version the change was made from: a stale one is refused with 409 naming `version`. */
const VersionSchema = Type.Integer({ minimum: 1 });

/** POST /api/admin/grids */
export const GridCreateSchema = Type.Object(
  {
    code: GeoCodeSchema,
    name: NameSchema,
    level: GridLevelSchema,
    /** null for a street; a community's parent is a street, a grid's a community */
    parentId: Nullable(IdSchema),
    ring: RingSchema,
    leader: Type.Optional(LeaderSchema),
    phone: Type.Optional(PhoneSchema),
  },
  { additionalProperties: false },
);
export type GridCreate = Static<typeof GridCreateSchema>;

/** PATCH /api/admin/grids/:id: only the fields sent change. */
export const GridUpdateSchema = Type.Object(
  {
    version: VersionSchema,
    code: Type.Optional(GeoCodeSchema),
    name: Type.Optional(NameSchema),
    level: Type.Optional(GridLevelSchema),
    parentId: Type.Optional(Nullable(IdSchema)),
    ring: Type.Optional(RingSchema),
    leader: Type.Optional(LeaderSchema),
    phone: Type.Optional(PhoneSchema),
  },
  { additionalProperties: false },
);
export type GridUpdate = Static<typeof GridUpdateSchema>;

export const StationKindSchema = stringEnum(STATION_KINDS);

/** POST /api/admin/stations */
export const StationCreateSchema = Type.Object(
  { code: GeoCodeSchema, name: NameSchema, kind: StationKindSchema, lat: LatSchema, lon: LonSchema },
  { additionalProperties: false },
);
export type StationCreate = Static<typeof StationCreateSchema>;

/** PATCH /api/admin/stations/:id */
export const StationUpdateSchema = Type.Object(
  {
    version: VersionSchema,
    code: Type.Optional(GeoCodeSchema),
    name: Type.Optional(NameSchema),
    kind: Type.Optional(StationKindSchema),
    lat: Type.Optional(LatSchema),
    lon: Type.Optional(LonSchema),
  },
  { additionalProperties: false },
);
export type StationUpdate = Static<typeof StationUpdateSchema>;

/** POST /api/admin/{grids,stations}/:id/retire */
export const GeoRetireSchema = Type.Object({ version: VersionSchema }, { additionalProperties: false });
export type GeoRetire = Static<typeof GeoRetireSchema>;

/** One grid as a GeoJSON Feature (import and export); WGS84 [lon, lat]. */
export const GridFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({
    type: Type.Literal('Polygon'),
    // the outer ring only: a grid has no holes
    coordinates: Type.Array(RingSchema, { minItems: 1, maxItems: 1 }),
  }),
  properties: Type.Object(
    {
      code: GeoCodeSchema,
      name: NameSchema,
      level: GridLevelSchema,
      parentCode: Type.Optional(Nullable(GeoCodeSchema)),
      leader: Type.Optional(LeaderSchema),
      phone: Type.Optional(PhoneSchema),
    },
    { additionalProperties: false },
  ),
  id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
export type GridFeature = Static<typeof GridFeatureSchema>;

/** One station as a GeoJSON Feature: a Point [lon, lat]. */
export const StationFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([LonSchema, LatSchema]) }),
  properties: Type.Object({ code: GeoCodeSchema, name: NameSchema, kind: StationKindSchema }, { additionalProperties: false }),
  id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
export type StationFeature = Static<typeof StationFeatureSchema>;

/** The body of POST /api/admin/import/{grids,stations}: features are checked one by one (the report). */
export const GeoImportBodySchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Unknown(), { maxItems: 20_000 }),
});
export type GeoImportBody = Static<typeof GeoImportBodySchema>;

/**
 * GET /api/admin/export/geography: grids (parents first), stations, key areas and fixed posts,
 * one FeatureCollection. Each goes back through its own import (/api/admin/import/grids,
 * /stations, /keyareas, /posts): `geographyLayerOf` tells which (Polygon → grid, or key area when
 * it has `visitEveryMinutes`; Point → station, or post when it has `unitCallsign`).
 */
export const GeographyExportSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Union([GridFeatureSchema, StationFeatureSchema, KeyAreaFeatureSchema, PostFeatureSchema])),
});
export type GeographyExport = Static<typeof GeographyExportSchema>;
