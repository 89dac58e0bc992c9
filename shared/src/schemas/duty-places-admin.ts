import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, LonSchema, LatSchema, Nullable, stringEnum } from './common.js';
import { GeoCodeSchema, KeyAreaSchema, RingSchema } from './geo.js';
import { CheckpointSchema, HhmmSchema, PostPointSchema } from './patrol-plan.js';

/**
 * The console's key areas (重点区域), fixed posts (固定岗) and guard tours (巡更) (issue 19):
 * created, changed with the version they were read at, retired and reinstated by an
 * administrator, and key areas and posts imported and exported as GeoJSON (docs/admin-geography.md).
 */

const NameSchema = Type.String({ minLength: 1, maxLength: 80 });
const VersionSchema = Type.Integer({ minimum: 1 });
const EveryMinutesSchema = KeyAreaSchema.properties.everyMinutes;
const CheckpointsSchema = Type.Array(Type.Omit(CheckpointSchema, ['checkedInAt']), { maxItems: 50 });

/** POST /api/admin/key-areas */
export const KeyAreaCreateSchema = Type.Object(
  { code: GeoCodeSchema, name: NameSchema, ring: RingSchema, everyMinutes: EveryMinutesSchema, from: HhmmSchema, to: HhmmSchema },
  { additionalProperties: false },
);
export type KeyAreaCreate = Static<typeof KeyAreaCreateSchema>;

/** PATCH /api/admin/key-areas/:id: only the fields sent change. */
export const KeyAreaUpdateSchema = Type.Object(
  {
    version: VersionSchema,
    code: Type.Optional(GeoCodeSchema),
    name: Type.Optional(NameSchema),
    ring: Type.Optional(RingSchema),
    everyMinutes: Type.Optional(EveryMinutesSchema),
    from: Type.Optional(HhmmSchema),
    to: Type.Optional(HhmmSchema),
  },
  { additionalProperties: false },
);
export type KeyAreaUpdate = Static<typeof KeyAreaUpdateSchema>;

export const PATROL_PLAN_KINDS = ['post', 'tour'] as const;

/** POST /api/admin/patrol-plans: a post needs `post`, a tour at least one checkpoint. */
export const PatrolPlanAdminCreateSchema = Type.Object(
  {
    code: GeoCodeSchema,
    unitId: IdSchema,
    name: NameSchema,
    kind: stringEnum(PATROL_PLAN_KINDS),
    from: HhmmSchema,
    to: HhmmSchema,
    post: Type.Optional(PostPointSchema),
    checkpoints: Type.Optional(CheckpointsSchema),
  },
  { additionalProperties: false },
);
export type PatrolPlanAdminCreate = Static<typeof PatrolPlanAdminCreateSchema>;

/** PATCH /api/admin/patrol-plans/:id: only the fields sent change; the kind stays. */
export const PatrolPlanUpdateSchema = Type.Object(
  {
    version: VersionSchema,
    code: Type.Optional(GeoCodeSchema),
    unitId: Type.Optional(IdSchema),
    name: Type.Optional(NameSchema),
    from: Type.Optional(HhmmSchema),
    to: Type.Optional(HhmmSchema),
    post: Type.Optional(PostPointSchema),
    checkpoints: Type.Optional(CheckpointsSchema),
  },
  { additionalProperties: false },
);
export type PatrolPlanUpdate = Static<typeof PatrolPlanUpdateSchema>;

/** POST /api/admin/{key-areas,patrol-plans}/:id/{retire,reinstate} */
export const VersionOnlySchema = Type.Object({ version: VersionSchema }, { additionalProperties: false });

/**
 * One key area as a GeoJSON Feature: a Polygon (outer ring) [lon, lat]. `visitEveryMinutes`
 * also tells a key area from a grid in the geography export.
 */
export const KeyAreaFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(RingSchema, { minItems: 1, maxItems: 1 }) }),
  properties: Type.Object(
    { code: GeoCodeSchema, name: NameSchema, fromHhmm: HhmmSchema, toHhmm: HhmmSchema, visitEveryMinutes: EveryMinutesSchema },
    { additionalProperties: false },
  ),
  id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
export type KeyAreaFeature = Static<typeof KeyAreaFeatureSchema>;

/** Default radius of an imported post without `radiusM` (metres). */
export const DEFAULT_POST_RADIUS_M = 50;

/**
 * One fixed post as a GeoJSON Feature: a Point [lon, lat] held by the unit with `unitCallsign`
 * from `fromHhmm` to `toHhmm`. `unitCallsign` also tells a post from a station in the export.
 */
export const PostFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([LonSchema, LatSchema]) }),
  properties: Type.Object(
    {
      code: GeoCodeSchema,
      name: NameSchema,
      unitCallsign: Type.String({ minLength: 1, maxLength: 40 }),
      fromHhmm: HhmmSchema,
      toHhmm: HhmmSchema,
      radiusM: Type.Optional(Nullable(PostPointSchema.properties.radiusM)),
    },
    { additionalProperties: false },
  ),
  id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
export type PostFeature = Static<typeof PostFeatureSchema>;

/** Which import a feature of the geography export goes back through. */
export type GeographyLayer = 'grids' | 'stations' | 'keyareas' | 'posts';
export function geographyLayerOf(feature: { geometry: { type: string }; properties: object }): GeographyLayer {
  if (feature.geometry.type === 'Point') return 'unitCallsign' in feature.properties ? 'posts' : 'stations';
  return 'visitEveryMinutes' in feature.properties ? 'keyareas' : 'grids';
}
