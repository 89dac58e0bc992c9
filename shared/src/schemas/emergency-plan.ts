import { Type, type Static } from '@sinclair/typebox';
import { FORCES, IsoTimeSchema, Nullable } from './common.js';
import { IncidentCategorySchema } from './incident.js';

/**
 * An emergency plan as the district keeps it: what it is for (category), which forces and how
 * many units of each it calls for, and the checklist it lays out when an operator starts it.
 * Edited in the admin console; each save is a new version (the old ones stay readable), and a
 * save against a version that is no longer the latest is refused (two administrators at once).
 */
export const PlanTaskSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    /** who owns the task by default (a department or role, in words: 公安, 社区, 街道办) */
    owner: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
);

/** Units per force; a force the plan does not call for is left out (or 0). */
export const UnitMixSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(FORCES.map((f) => [f, Type.Integer({ minimum: 0, maximum: 50 })])) as Record<(typeof FORCES)[number], ReturnType<typeof Type.Integer>>,
  ),
  { additionalProperties: false },
);

export const PlanNameSchema = Type.Object(
  { 'zh-CN': Type.String({ minLength: 1, maxLength: 80 }), en: Type.String({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);

/** What an administrator writes: the plan's content. */
export const EmergencyPlanContentSchema = Type.Object(
  {
    name: PlanNameSchema,
    category: IncidentCategorySchema,
    unitMix: UnitMixSchema,
    tasks: Type.Array(PlanTaskSchema, { minItems: 1, maxItems: 60 }),
  },
  { additionalProperties: false },
);

export const EmergencyPlanSchema = Type.Composite([
  Type.Object({ id: Type.String() }),
  EmergencyPlanContentSchema,
  Type.Object({
    /** 1 for the first save, +1 for each one after */
    version: Type.Integer({ minimum: 1 }),
    /** retired plans can no longer be started; incidents that used them keep their checklist */
    retired: Type.Boolean(),
    updatedAt: IsoTimeSchema,
    updatedBy: Nullable(Type.String()),
  }),
]);

/** A change: the content plus the version it was made on. */
export const UpdateEmergencyPlanSchema = Type.Composite([EmergencyPlanContentSchema, Type.Object({ version: Type.Integer({ minimum: 1 }) })], {
  additionalProperties: false,
});

export const RetireEmergencyPlanSchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** One saved version, as the console's history lists it. */
export const EmergencyPlanVersionSchema = Type.Composite([
  EmergencyPlanContentSchema,
  Type.Object({ version: Type.Integer({ minimum: 1 }), savedAt: IsoTimeSchema, savedBy: Nullable(Type.String()), retired: Type.Boolean() }),
]);

export type PlanTask = Static<typeof PlanTaskSchema>;
export type UnitMix = Static<typeof UnitMixSchema>;
export type EmergencyPlanContent = Static<typeof EmergencyPlanContentSchema>;
export type EmergencyPlan = Static<typeof EmergencyPlanSchema>;
export type UpdateEmergencyPlan = Static<typeof UpdateEmergencyPlanSchema>;
export type EmergencyPlanVersion = Static<typeof EmergencyPlanVersionSchema>;
