import { Type, type Static } from '@sinclair/typebox';
import { LatSchema, LonSchema, Nullable, stringEnum } from './common.js';

/** What a place search result is: streets and their crossings, named places and addresses from the extract, and the live geography. */
export const PLACE_KINDS = ['street', 'crossing', 'poi', 'address', 'grid', 'station', 'key_area', 'unit'] as const;
export const PlaceKindSchema = stringEnum(PLACE_KINDS);

/**
 * Where an alert or incident is, in words, in both UI languages: the nearest named street, the
 * nearest crossing or named place within ~100 m, and the grid. Set by the server when the
 * alert or incident is created (reverse geocoding) and stored with it.
 */
export const LocationTextSchema = Type.Object({
  zh: Type.String({ maxLength: 300 }),
  en: Type.String({ maxLength: 300 }),
});

export const PlaceSchema = Type.Object({
  /** stable within one index: `${kind}:${key}` */
  id: Type.String(),
  kind: PlaceKindSchema,
  /** the name as the extract or the administration wrote it (Chinese in a Chinese city) */
  name: Type.String(),
  /** the English name when there is one (`name:en`), else null */
  nameEn: Nullable(Type.String()),
  lat: LatSchema,
  lon: LonSchema,
  /** metres from `near` (for a street: from its nearest point); null without `near` */
  distanceM: Nullable(Type.Number({ minimum: 0 })),
});

/** `GET /api/places?q=…&near=lat,lon&limit=…` */
export const PlaceSearchQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Chinese, full pinyin, pinyin initials or English; typos tolerated' }),
    near: Type.Optional(
      Type.String({ pattern: '^\\s*-?\\d{1,3}(\\.\\d+)?\\s*,\\s*-?\\d{1,3}(\\.\\d+)?\\s*$', description: 'lat,lon: nearer results rank higher' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
);

export const PlaceSearchReplySchema = Type.Object({ places: Type.Array(PlaceSchema) });

export type PlaceKind = Static<typeof PlaceKindSchema>;
export type LocationText = Static<typeof LocationTextSchema>;
export type Place = Static<typeof PlaceSchema>;
export type PlaceSearchQuery = Static<typeof PlaceSearchQuerySchema>;
export type PlaceSearchReply = Static<typeof PlaceSearchReplySchema>;
