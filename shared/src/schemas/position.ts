import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, LatSchema, LonSchema, stringEnum } from './common.js';

/** Why a fix was kept but marked: shown greyed or with a warning, never silently trusted. */
export const POSITION_FLAGS = ['jump', 'clock_skew', 'low_accuracy'] as const;

/** A stored, accepted position fix of one unit. Device time and server time are both kept. */
export const PositionSchema = Type.Object({
  unitId: IdSchema,
  lat: LatSchema,
  lon: LonSchema,
  speedKmh: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  heading: Type.Union([Type.Number({ minimum: 0, maximum: 360 }), Type.Null()]),
  accuracyM: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  altitudeM: Type.Union([Type.Number(), Type.Null()]),
  battery: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
  deviceTime: IsoTimeSchema,
  serverTime: IsoTimeSchema,
  flags: Type.Array(stringEnum(POSITION_FLAGS)),
});

/** A tablet reporting its own position over Socket.IO (`position:report`). */
export const PositionReportSchema = Type.Object(
  {
    lat: LatSchema,
    lon: LonSchema,
    at: Type.Optional(IsoTimeSchema),
    speedKmh: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    heading: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    battery: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

export type Position = Static<typeof PositionSchema>;
export type PositionFlag = Position['flags'][number];
export type PositionReport = Static<typeof PositionReportSchema>;
