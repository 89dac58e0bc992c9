import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IdempotencyKeySchema, IsoTimeSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';
import { LocationTextSchema } from './place.js';

// `backup`: a unit on an incident asks for more hands; it joins that incident (AlertRaise.incidentId).
export const ALERT_KINDS = ['sos', 'panic', 'radio', 'fire', 'medical', 'crime', 'traffic', 'backup', 'other'] as const;
export const ALERT_SOURCES = ['gateway', 'tracker', 'tablet', 'operator'] as const;
export const AlertKindSchema = stringEnum(ALERT_KINDS);

/** Body of `POST /ingest/alerts` from a radio gateway or panic button (device key auth). */
export const AlertIngestSchema = Type.Object(
  {
    kind: AlertKindSchema,
    lat: Type.Optional(LatSchema),
    lon: Type.Optional(LonSchema),
    at: Type.Optional(IsoTimeSchema),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    idempotencyKey: Type.Optional(IdempotencyKeySchema),
  },
  { additionalProperties: false },
);

export const AlertIngestReplySchema = Type.Object({
  alertId: IdSchema,
  incidentId: IdSchema,
  /** true when this press joined an open incident of the same device instead of opening one */
  joined: Type.Boolean(),
  pressCount: Type.Integer({ minimum: 1 }),
});

/** A tablet raising an alert (`alert:raise`), e.g. the captain's SOS button. */
export const AlertRaiseSchema = Type.Object(
  {
    kind: AlertKindSchema,
    lat: Type.Optional(LatSchema),
    lon: Type.Optional(LonSchema),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    idempotencyKey: Type.Optional(IdempotencyKeySchema),
    /** The open incident this alert is about (a captain's backup request): it joins it instead of opening another. */
    incidentId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);

export const AlertSchema = Type.Object({
  id: IdSchema,
  kind: AlertKindSchema,
  source: stringEnum(ALERT_SOURCES),
  deviceId: Nullable(IdSchema),
  unitId: Nullable(IdSchema),
  incidentId: IdSchema,
  lat: Nullable(LatSchema),
  lon: Nullable(LonSchema),
  note: Nullable(Type.String()),
  deviceTime: Nullable(IsoTimeSchema),
  receivedAt: IsoTimeSchema,
  /** The device's `at` is far from the server's clock (see isClockSkewed): shown, never used for clocks (those run from receivedAt). */
  clockSkew: Type.Optional(Type.Boolean()),
  /** where it was raised in words (reverse geocoded when received); null when nothing named is near */
  locationText: Type.Optional(Nullable(LocationTextSchema)),
});

export type AlertKind = Static<typeof AlertKindSchema>;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export type AlertIngest = Static<typeof AlertIngestSchema>;
export type AlertIngestReply = Static<typeof AlertIngestReplySchema>;
export type AlertRaise = Static<typeof AlertRaiseSchema>;
export type Alert = Static<typeof AlertSchema>;
