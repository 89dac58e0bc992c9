import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, ModeSchema, Nullable, stringEnum } from './common.js';
import { PositionSchema } from './position.js';

export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'busy', 'off_duty'] as const;
export const UnitStatusSchema = stringEnum(UNIT_STATUSES);

export const CallsignSchema = Type.String({ minLength: 1, maxLength: 40 });
export const TrackerIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

export const UnitSchema = Type.Object({
  id: IdSchema,
  callsign: CallsignSchema,
  force: ForceSchema,
  mode: ModeSchema,
  trackerId: Nullable(TrackerIdSchema),
  teamId: Nullable(IdSchema),
  status: UnitStatusSchema,
  position: Nullable(PositionSchema),
});

export const CreateUnitSchema = Type.Object(
  {
    callsign: CallsignSchema,
    force: ForceSchema,
    mode: ModeSchema,
    trackerId: Type.Optional(TrackerIdSchema),
    teamId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

export const UnitStatusChangeSchema = Type.Object({ status: UnitStatusSchema }, { additionalProperties: false });

export type Unit = Static<typeof UnitSchema>;
export type UnitStatus = Static<typeof UnitStatusSchema>;
export type CreateUnit = Static<typeof CreateUnitSchema>;
