import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';

/** A ring of [lon, lat] pairs as in GeoJSON; first and last may or may not repeat. */
export const RingSchema = Type.Array(Type.Tuple([LonSchema, LatSchema]), { minItems: 3, maxItems: 5000 });

export const GRID_LEVELS = ['grid', 'community', 'street'] as const;
export const GridLevelSchema = stringEnum(GRID_LEVELS);

export const ContactSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  phone: Type.String({ maxLength: 40 }),
  role: Type.String({ maxLength: 40 }),
});

/** 网格: the unit of work. Small matters settle in the grid, bigger ones go up the parent chain. */
export const GridSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  level: GridLevelSchema,
  parentId: Nullable(IdSchema),
  ring: RingSchema,
  leader: Nullable(Type.String()),
  contacts: Type.Array(ContactSchema),
});

export const STATION_KINDS = ['safety_station', 'police_post', 'fire', 'medical', 'city_mgmt'] as const;

export const StationSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  kind: stringEnum(STATION_KINDS),
  lat: LatSchema,
  lon: LonSchema,
});

export const TeamSchema = Type.Object({
  id: IdSchema,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  force: stringEnum(['police', 'security', 'merchant_guard', 'volunteer', 'fire', 'medical', 'city_mgmt'] as const),
});

export type Grid = Static<typeof GridSchema>;
export type GridLevel = Static<typeof GridLevelSchema>;
export type Station = Static<typeof StationSchema>;
export type StationKind = (typeof STATION_KINDS)[number];
export type Team = Static<typeof TeamSchema>;
export type Ring = Static<typeof RingSchema>;
