import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, LatSchema, LonSchema, ModeSchema, Nullable, stringEnum } from './common.js';

/** A ring of [lon, lat] pairs as in GeoJSON; first and last may or may not repeat. */
export const RingSchema = Type.Array(Type.Tuple([LonSchema, LatSchema]), { minItems: 3, maxItems: 5000 });

export const GRID_LEVELS = ['grid', 'community', 'street'] as const;
export const GridLevelSchema = stringEnum(GRID_LEVELS);

export const ContactSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  phone: Type.String({ maxLength: 40 }),
  role: Type.String({ maxLength: 40 }),
});

/**
 * A district's own code for a grid or station (e.g. 320102001): unique, the key of the GeoJSON
 * import and export. Letters, digits, `-`, `_` and `.`, so it survives spreadsheets and URLs.
 */
export const GeoCodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

/**
 * What the console keeps on every grid and station (migration 027). Optional in the schema only
 * so that records built in code (the demo layout, tests) need not spell them out: every record
 * read from the database has them.
 */
export const AdministeredFields = {
  code: Type.Optional(GeoCodeSchema),
  /** grows by one with every change; an update names the version it was made from */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  /** set when retired: a retired record leaves the live picture (and the walls) but stays for history */
  retiredAt: Type.Optional(Nullable(Type.String())),
};

/** 网格: the unit of work. Small matters settle in the grid, bigger ones go up the parent chain. */
export const GridSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  level: GridLevelSchema,
  parentId: Nullable(IdSchema),
  ring: RingSchema,
  leader: Nullable(Type.String()),
  contacts: Type.Array(ContactSchema),
  ...AdministeredFields,
});

export const STATION_KINDS = ['safety_station', 'police_post', 'fire', 'medical', 'city_mgmt'] as const;

/**
 * A crew the administration keeps at a station around the clock (a duty car at the fire base):
 * the station then covers the district from where it stands, at this mode, whether or not any
 * tracked unit is there. Set explicitly, never assumed: a station without one covers only through
 * the available units standing at it.
 */
export const StandingCrewSchema = Type.Object({ force: ForceSchema, mode: ModeSchema }, { additionalProperties: false });

export const StationSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  kind: stringEnum(STATION_KINDS),
  lat: LatSchema,
  lon: LonSchema,
  /** Absent or null: no standing crew (the default). */
  standingCrew: Type.Optional(Nullable(StandingCrewSchema)),
  ...AdministeredFields,
});

/** PUT /api/stations/:id/standing-crew (admin): set or clear (null) a station's standing crew. */
export const StandingCrewChangeSchema = Type.Object({ standingCrew: Nullable(StandingCrewSchema) }, { additionalProperties: false });

export const TeamSchema = Type.Object({
  id: IdSchema,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  force: stringEnum(['police', 'security', 'merchant_guard', 'volunteer', 'fire', 'medical', 'city_mgmt'] as const),
});

export type Grid = Static<typeof GridSchema>;
export type GridLevel = Static<typeof GridLevelSchema>;
export type Station = Static<typeof StationSchema>;
export type StationKind = (typeof STATION_KINDS)[number];
export type StandingCrew = Static<typeof StandingCrewSchema>;
export type StandingCrewChange = Static<typeof StandingCrewChangeSchema>;
export type Team = Static<typeof TeamSchema>;
export type Ring = Static<typeof RingSchema>;

/** A place that needs a patrol presence every `everyMinutes` during its hours (local "HH:MM"; equal = 24 h). */
export const KeyAreaSchema = Type.Object({
  id: IdSchema,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  ring: RingSchema,
  everyMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  from: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  to: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  lastVisitAt: Nullable(Type.String()),
  lastVisitUnitId: Nullable(IdSchema),
  /** set while no unit has been inside for longer than allowed; cleared by the next visit */
  overdueSince: Nullable(Type.String()),
  /** the watch starts here for an area never visited yet */
  createdAt: Type.String(),
  /** code (unique among the areas in service), version and retirement: kept from the console (migration 031) */
  ...AdministeredFields,
});

export const CreateKeyAreaSchema = Type.Object(
  {
    name: KeyAreaSchema.properties.name,
    ring: RingSchema,
    everyMinutes: KeyAreaSchema.properties.everyMinutes,
    from: KeyAreaSchema.properties.from,
    to: KeyAreaSchema.properties.to,
  },
  { additionalProperties: false },
);

export type KeyArea = Static<typeof KeyAreaSchema>;
export type CreateKeyArea = Static<typeof CreateKeyAreaSchema>;
