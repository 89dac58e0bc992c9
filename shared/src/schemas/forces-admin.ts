import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, LatSchema, LonSchema, ModeSchema, Nullable } from './common.js';
import { DeviceSchema } from './auth.js';
import { TeamSchema } from './geo.js';
import { CallsignSchema, UnitSchema } from './unit.js';

/**
 * The console's forces (issue 19): teams, units and alert devices as administrators edit them.
 * Teams and units carry a `version`: a change names the version it was made on, and a stale one
 * is refused (409, field `version`) instead of overwriting another administrator's change.
 */
export const VersionSchema = Type.Integer({ minimum: 1, description: 'the version the change was made on; a stale one → 409' });

export const AdminTeamSchema = Type.Composite([TeamSchema, Type.Object({ version: VersionSchema })]);
export const CreateTeamSchema = Type.Object({ name: TeamSchema.properties.name, force: ForceSchema }, { additionalProperties: false });
export const UpdateTeamSchema = Type.Object(
  { version: VersionSchema, name: Type.Optional(TeamSchema.properties.name), force: Type.Optional(ForceSchema) },
  { additionalProperties: false },
);
/** Retiring (team or unit) names the version too: nobody retires what they have not seen. */
export const RetireSchema = Type.Object({ version: VersionSchema }, { additionalProperties: false });

/** A unit as the 力量 tab shows it: the public unit plus its station and version (never its tracker id). */
export const AdminUnitSchema = Type.Composite([UnitSchema, Type.Object({ stationId: Nullable(IdSchema), version: VersionSchema })]);
export const UpdateUnitSchema = Type.Object(
  {
    version: VersionSchema,
    callsign: Type.Optional(CallsignSchema),
    force: Type.Optional(ForceSchema),
    mode: Type.Optional(ModeSchema),
    teamId: Type.Optional(Nullable(IdSchema)),
    stationId: Type.Optional(Nullable(IdSchema)),
  },
  { additionalProperties: false },
);

/** An alert device as the 报警设备 tab shows it: where it stands (fixed) or whom it goes with (bound). */
export const AdminDeviceSchema = Type.Composite([DeviceSchema, Type.Object({ lat: Nullable(LatSchema), lon: Nullable(LonSchema) })]);
/** POST /api/devices/:id/key: a new key, shown once; the old one is refused from this moment. */
export const DeviceKeyReplySchema = Type.Object({ id: IdSchema, key: Type.String() });

export type AdminTeam = Static<typeof AdminTeamSchema>;
export type CreateTeam = Static<typeof CreateTeamSchema>;
export type UpdateTeam = Static<typeof UpdateTeamSchema>;
export type Retire = Static<typeof RetireSchema>;
export type AdminUnit = Static<typeof AdminUnitSchema>;
export type UpdateUnit = Static<typeof UpdateUnitSchema>;
export type AdminDevice = Static<typeof AdminDeviceSchema>;
export type DeviceKeyReply = Static<typeof DeviceKeyReplySchema>;
