import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';
import { AdministeredFields } from './geo.js';

export const HhmmSchema = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

/** Where a fixed post stands and how far its unit may stray. */
export const PostPointSchema = Type.Object({ lat: LatSchema, lon: LonSchema, radiusM: Type.Integer({ minimum: 10, maximum: 2000 }) });

export const CheckpointSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  lat: LatSchema,
  lon: LonSchema,
  radiusM: Type.Integer({ minimum: 5, maximum: 500 }),
  /** check-in time in the current shift; null until the unit passes by */
  checkedInAt: Nullable(Type.String()),
});

/**
 * A unit's duty for one shift window (shifts of several units may overlap:
 * staggered patrols). A fixed post: stay within `radiusM` of a point. A guard
 * tour: pass each checkpoint, checked in automatically by geofence.
 */
export const PatrolPlanSchema = Type.Object({
  id: IdSchema,
  unitId: IdSchema,
  name: Type.String(),
  kind: stringEnum(['post', 'tour'] as const),
  from: HhmmSchema,
  to: HhmmSchema,
  post: Nullable(PostPointSchema),
  checkpoints: Type.Array(CheckpointSchema),
  /** set while the unit is away from its post during its shift */
  deviatingSince: Nullable(Type.String()),
  /** which shift the check-ins belong to (local date of the shift start) */
  shiftKey: Nullable(Type.String()),
  /** code (unique among the plans in service), version and retirement: kept from the console (migration 031) */
  ...AdministeredFields,
});

export const CreatePatrolPlanSchema = Type.Object(
  {
    unitId: IdSchema,
    name: Type.String({ minLength: 1, maxLength: 80 }),
    kind: stringEnum(['post', 'tour'] as const),
    from: HhmmSchema,
    to: HhmmSchema,
    post: Type.Optional(PostPointSchema),
    checkpoints: Type.Optional(Type.Array(Type.Omit(CheckpointSchema, ['checkedInAt']), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export type PatrolPlan = Static<typeof PatrolPlanSchema>;
export type CreatePatrolPlan = Static<typeof CreatePatrolPlanSchema>;
