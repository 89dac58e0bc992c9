import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, ModeSchema, Nullable, stringEnum } from './common.js';
import { PositionSchema } from './position.js';

/**
 * `needs_help`: the unit raised an SOS. It is never a candidate and nobody sets it by hand: it
 * is set by the SOS alert and cleared when the incident that alert opened (or joined) resolves
 * or is cancelled. Last in the list: the map's shader indexes its ring colours by position.
 */
export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'busy', 'off_duty', 'needs_help'] as const;
export const UnitStatusSchema = stringEnum(UNIT_STATUSES);
/** What a person may set (wall, tablet): every status but `needs_help`, which only an SOS sets. */
export const SETTABLE_UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'busy', 'off_duty'] as const;

export const CallsignSchema = Type.String({ minLength: 1, maxLength: 40 });
export const TrackerIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

export const UnitSchema = Type.Object({
  id: IdSchema,
  callsign: CallsignSchema,
  force: ForceSchema,
  mode: ModeSchema,
  teamId: Nullable(IdSchema),
  status: UnitStatusSchema,
  position: Nullable(PositionSchema),
});

/**
 * A unit as its administrator enrols it: with the tracker id, which is the only secret the
 * OsmAnd protocol carries. Only admins ever receive this shape; screens get `UnitSchema`.
 */
export const EnrolledUnitSchema = Type.Composite([UnitSchema, Type.Object({ trackerId: Nullable(TrackerIdSchema) })]);

/** POST /api/units/:id/tracker: a new, unguessable tracker id (enrol or rotate); the old one stops working at once. */
export const TrackerEnrolmentSchema = Type.Object({ unitId: IdSchema, callsign: CallsignSchema, trackerId: TrackerIdSchema });

export const CreateUnitSchema = Type.Object(
  {
    callsign: CallsignSchema,
    force: ForceSchema,
    mode: ModeSchema,
    trackerId: Type.Optional(TrackerIdSchema),
    teamId: Type.Optional(IdSchema),
    /** the station the unit is based at */
    stationId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

export const UnitStatusChangeSchema = Type.Object({ status: stringEnum(SETTABLE_UNIT_STATUSES) }, { additionalProperties: false });

export type Unit = Static<typeof UnitSchema>;
export type EnrolledUnit = Static<typeof EnrolledUnitSchema>;
export type TrackerEnrolment = Static<typeof TrackerEnrolmentSchema>;
export type UnitStatus = Static<typeof UnitStatusSchema>;
export type CreateUnit = Static<typeof CreateUnitSchema>;
