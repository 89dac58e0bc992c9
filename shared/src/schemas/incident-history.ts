import { Type, type Static } from '@sinclair/typebox';
import { IsoTimeSchema, LatSchema, LonSchema, stringEnum } from './common.js';
import { INCIDENT_SOURCES, IncidentCategorySchema, LadderLevelSchema, OUTCOMES, PrioritySchema } from './incident.js';

/**
 * A concluded case brought in from a district's previous system (or written by the demo):
 * what was received, each unit's times, how it ended. The server applies the live system's
 * rules to it (first times are minima over units, breaches and acknowledgement timeouts by
 * the same targets, the phases by the facts), so an imported year and a live year are
 * measured alike. docs/analytics.md, "History import", has the file formats.
 */
export const HistoryUnitSchema = Type.Object(
  {
    /** the unit by its callsign, as the district knows it; it must exist (units are imported first) */
    callsign: Type.String({ minLength: 1, maxLength: 40 }),
    dispatchedAt: IsoTimeSchema,
    acknowledgedAt: Type.Optional(IsoTimeSchema),
    enRouteAt: Type.Optional(IsoTimeSchema),
    onSceneAt: Type.Optional(IsoTimeSchema),
    /** stood down; defaults to the case's resolution (or cancellation) */
    clearedAt: Type.Optional(IsoTimeSchema),
    /** declined the dispatch instead of going (then no en route or on scene) */
    declinedAt: Type.Optional(IsoTimeSchema),
    declineReason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type HistoryUnit = Static<typeof HistoryUnitSchema>;

export const HistoryEscalationSchema = Type.Object(
  { at: IsoTimeSchema, to: LadderLevelSchema, reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const HistoryIncidentSchema = Type.Object(
  {
    /** the case's id in the system it comes from: importing it again changes nothing */
    externalId: Type.String({ minLength: 1, maxLength: 100 }),
    category: IncidentCategorySchema,
    priority: PrioritySchema,
    source: Type.Optional(stringEnum(INCIDENT_SOURCES)),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    lat: LatSchema,
    lon: LonSchema,
    /** when the call was answered or the alert received: every phase starts here */
    receivedAt: IsoTimeSchema,
    /** when the case was opened; defaults to receivedAt */
    createdAt: Type.Optional(IsoTimeSchema),
    units: Type.Optional(Type.Array(HistoryUnitSchema, { maxItems: 50 })),
    /** lifts on the ladder by the desk (an arrival breach lifts it by the live rule by itself) */
    escalations: Type.Optional(Type.Array(HistoryEscalationSchema, { maxItems: 10 })),
    resolvedAt: Type.Optional(IsoTimeSchema),
    outcome: Type.Optional(stringEnum(OUTCOMES)),
    settledLevel: Type.Optional(LadderLevelSchema),
    /** how it was resolved, or why it was stood down */
    resolutionNote: Type.Optional(Type.String({ maxLength: 2000 })),
    /** the evaluation that closed the loop */
    evaluatedAt: Type.Optional(IsoTimeSchema),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    feedback: Type.Optional(Type.String({ maxLength: 2000 })),
    /** stood down without a resolution: withdrawn (cancelled) or found to be a false alarm */
    cancelledAt: Type.Optional(IsoTimeSchema),
    cancelledAs: Type.Optional(stringEnum(['cancelled', 'false_alarm'] as const)),
  },
  { additionalProperties: false },
);
export type HistoryIncident = Static<typeof HistoryIncidentSchema>;

/** `POST /api/admin/import/incidents` with a JSON body (CSV: one line per unit sent, see docs). */
export const HistoryImportBodySchema = Type.Object({ incidents: Type.Array(Type.Unknown(), { maxItems: 50_000 }) }, { additionalProperties: false });
export type HistoryImportBody = Static<typeof HistoryImportBodySchema>;

export const HistoryImportQuerySchema = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
  { additionalProperties: false },
);
