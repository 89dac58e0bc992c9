import { Type, type Static } from '@sinclair/typebox';
import { AlertIngestReplySchema, AlertKindSchema } from './alert.js';
import { IdSchema, IsoTimeSchema, LatSchema, LonSchema, Nullable } from './common.js';

/**
 * A press the server accepted while PostgreSQL was unreachable: kept in the
 * durable intake journal (a Redis stream) and shown on every screen as
 * "received, not yet recorded" until it is written into alerts and incidents.
 */
export const JournalledPressSchema = Type.Object({
  /** The journal entry (Redis stream id): the press's place in the order it is written in. */
  journalId: Type.String({ minLength: 1, maxLength: 64 }),
  /** The id its alert gets (unless it repeats an idempotency key already recorded: then that alert's). */
  alertId: IdSchema,
  kind: AlertKindSchema,
  /** The device's or the unit's name, as the wall shows it. */
  label: Type.String({ maxLength: 200 }),
  deviceId: Nullable(IdSchema),
  unitId: Nullable(IdSchema),
  lat: Nullable(LatSchema),
  lon: Nullable(LonSchema),
  note: Nullable(Type.String({ maxLength: 500 })),
  receivedAt: IsoTimeSchema,
});

/** 202 from `POST /ingest/alerts` while the database is down: accepted into the journal, recorded later. */
export const AlertJournalledReplySchema = Type.Object({
  journalled: Type.Literal(true),
  journalId: Type.String({ minLength: 1, maxLength: 64 }),
  alertId: IdSchema,
});

/** Every 202 of `POST /ingest/alerts`: recorded now, or journalled (recorded later, in order, exactly once). */
export const AlertIngestAcceptedSchema = Type.Union([AlertIngestReplySchema, AlertJournalledReplySchema]);

/** `intake:journalled`: presses received and not yet recorded (all of them on connect, then each new one). */
export const IntakeJournalledMessageSchema = Type.Object({ presses: Type.Array(JournalledPressSchema) });

/**
 * `intake:recorded`: journal entries now written (or refused, `alertId` null, e.g. a device revoked
 * meanwhile): a screen drops them from its "not yet recorded" list; the alert itself arrives as `alert:raised`.
 */
export const IntakeRecordedMessageSchema = Type.Object({
  recorded: Type.Array(Type.Object({ journalId: Type.String({ minLength: 1, maxLength: 64 }), alertId: Nullable(IdSchema) })),
});

export type JournalledPress = Static<typeof JournalledPressSchema>;
export type AlertIngestAccepted = Static<typeof AlertIngestAcceptedSchema>;
export type AlertJournalledReply = Static<typeof AlertJournalledReplySchema>;
export type IntakeJournalledMessage = Static<typeof IntakeJournalledMessageSchema>;
export type IntakeRecordedMessage = Static<typeof IntakeRecordedMessageSchema>;
