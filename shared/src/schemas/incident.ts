import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IdempotencyKeySchema, IsoTimeSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';
import { LocationTextSchema } from './place.js';

/** The closed loop: found → dispatched → … → resolved → closed (evaluated). */
export const INCIDENT_STATUSES = ['reported', 'dispatched', 'acknowledged', 'en_route', 'on_scene', 'resolved', 'closed', 'cancelled', 'false_alarm'] as const;
export const OPEN_INCIDENT_STATUSES = ['reported', 'dispatched', 'acknowledged', 'en_route', 'on_scene'] as const;
export const INCIDENT_CATEGORIES = [
  'criminal',
  'public_order',
  'dispute',
  'traffic',
  'fire',
  'medical',
  'natural_disaster',
  'public_health',
  'production_safety',
  'assistance',
  'other',
] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const INCIDENT_SOURCES = ['alert', 'call', 'patrol_report', 'manual'] as const;

export const IncidentStatusSchema = stringEnum(INCIDENT_STATUSES);
export const IncidentCategorySchema = stringEnum(INCIDENT_CATEGORIES);
export const PrioritySchema = stringEnum(PRIORITIES);

export const LADDER_LEVEL_VALUES = ['grid', 'community', 'street', 'department'] as const;
export const LadderLevelSchema = stringEnum(LADDER_LEVEL_VALUES);
export const ASSIGNMENT_STATUS_VALUES = ['dispatched', 'acknowledged', 'en_route', 'on_scene', 'cleared', 'declined'] as const;
export const OUTCOMES = ['solved_on_site', 'mediated', 'referred', 'arrest_handover', 'false_alarm', 'no_action'] as const;
export const DEPARTMENT_VALUES = ['police', 'fire', 'medical', 'city_mgmt', 'market_supervision', 'housing', 'environment', 'emergency_mgmt'] as const;

/** One unit's part in an incident, with its own clock. */
export const AssignmentSchema = Type.Object({
  unitId: IdSchema,
  status: stringEnum(ASSIGNMENT_STATUS_VALUES),
  dispatchedAt: IsoTimeSchema,
  acknowledgedAt: Nullable(IsoTimeSchema),
  enRouteAt: Nullable(IsoTimeSchema),
  onSceneAt: Nullable(IsoTimeSchema),
  clearedAt: Nullable(IsoTimeSchema),
  /** no acknowledgement within the limit: when that was noticed */
  ackTimeoutAt: Nullable(IsoTimeSchema),
  /** the next best unit offered instead (or sent, when auto-redispatch is on) */
  replacementUnitId: Nullable(IdSchema),
  /** why the unit declined (told by its captain); absent on servers before it existed */
  declineReason: Type.Optional(Nullable(Type.String())),
});

/** A photo attached to an incident (a captain's report): the file is served at /api/photos/:id to logged-in users. */
export const IncidentPhotoSchema = Type.Object({
  id: IdSchema,
  contentType: Type.String(),
  bytes: Type.Integer({ minimum: 0 }),
  createdAt: IsoTimeSchema,
});

/** First time each milestone was reached by any unit: what the response clocks run on. */
export const MilestonesSchema = Type.Object({
  dispatchedAt: Nullable(IsoTimeSchema),
  acknowledgedAt: Nullable(IsoTimeSchema),
  enRouteAt: Nullable(IsoTimeSchema),
  onSceneAt: Nullable(IsoTimeSchema),
  resolvedAt: Nullable(IsoTimeSchema),
  closedAt: Nullable(IsoTimeSchema),
  ackBreachedAt: Nullable(IsoTimeSchema),
  arrivalBreachedAt: Nullable(IsoTimeSchema),
});

export const CallInSchema = Type.Object({
  department: stringEnum(DEPARTMENT_VALUES),
  summonedAt: IsoTimeSchema,
  deadline: IsoTimeSchema,
  reportedAt: Nullable(IsoTimeSchema),
  /** who reported the department in (`user:<name>`) */
  reportedBy: Nullable(Type.String()),
  /** missed its deadline and lifted the case: set once, cleared by a new whistle */
  escalatedAt: Nullable(IsoTimeSchema),
});

export const ResolutionSchema = Type.Object({
  outcome: stringEnum(OUTCOMES),
  /** the level of the ladder that settled it: "small matters stay in the grid" is measured by this */
  settledLevel: LadderLevelSchema,
  note: Nullable(Type.String()),
});

export const EvaluationSchema = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  feedback: Nullable(Type.String()),
});

/**
 * What the call-taker wrote down (null for an incident opened by a device or a plan). `callReceivedAt`
 * is when the call-taker began taking the call (the intake form opened): processing time
 * (call received → created → dispatched, NFPA 1225) starts there, not at the incident's creation.
 */
const IncidentCallFields = {
  callerName: Nullable(Type.String()),
  callbackNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  description: Nullable(Type.String()),
  callReceivedAt: Nullable(IsoTimeSchema),
};

/** A phone number as read over the radio: digits with optional +, spaces, dashes, parentheses, extension. */
export const CallbackNumberSchema = Type.String({ minLength: 3, maxLength: 32, pattern: '^[+]?[0-9][0-9 ()#*-]{1,30}$' });

/** The call-taker's fields, each optional on creation (a radio call may give no name). */
const CallFieldsInput = {
  callerName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  callbackNumber: Type.Optional(CallbackNumberSchema),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  /** when the call-taker opened the form; not in the future, not before the call could have been taken */
  callReceivedAt: Type.Optional(IsoTimeSchema),
};

/** A checklist item of an activated emergency plan. */
export const TaskSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  title: Type.String(),
  owner: Type.String(),
  state: stringEnum(['open', 'in_progress', 'done'] as const),
  updatedAt: IsoTimeSchema,
  /** who last changed it (`user:<name>`), null until someone does */
  updatedBy: Nullable(Type.String()),
});

export const IncidentSchema = Type.Object({
  id: IdSchema,
  status: IncidentStatusSchema,
  category: IncidentCategorySchema,
  priority: PrioritySchema,
  source: stringEnum(INCIDENT_SOURCES),
  title: Type.String(),
  lat: LatSchema,
  lon: LonSchema,
  gridId: Nullable(IdSchema),
  /** the device that opened it: repeated presses of that device join this incident */
  deviceId: Nullable(IdSchema),
  unitId: Nullable(IdSchema),
  alertCount: Type.Integer({ minimum: 0 }),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  /** where on the escalation ladder it sits now */
  level: LadderLevelSchema,
  note: Nullable(Type.String()),
  assignments: Type.Array(AssignmentSchema),
  milestones: MilestonesSchema,
  callIns: Type.Array(CallInSchema),
  resolution: Nullable(ResolutionSchema),
  evaluation: Nullable(EvaluationSchema),
  /** the emergency plan this incident was opened by, with its checklist */
  planId: Nullable(Type.String()),
  tasks: Type.Array(TaskSchema),
  ...IncidentCallFields,
  /** photos from the street, oldest first (optional: older servers and fixtures have none) */
  photos: Type.Optional(Type.Array(IncidentPhotoSchema)),
  /** where it is in words (reverse geocoded at creation: street, crossing or place, grid); null when nothing named is near */
  locationText: Type.Optional(Nullable(LocationTextSchema)),
});

export const CreateIncidentSchema = Type.Object(
  {
    category: IncidentCategorySchema,
    priority: PrioritySchema,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    lat: LatSchema,
    lon: LonSchema,
    source: Type.Optional(stringEnum(INCIDENT_SOURCES)),
    idempotencyKey: Type.Optional(IdempotencyKeySchema),
    ...CallFieldsInput,
  },
  { additionalProperties: false },
);

/**
 * Another call about an incident that is already open (a duplicate the call-taker joined): the
 * caller is recorded on that incident instead of opening a second one.
 */
export const JoinCallSchema = Type.Object(
  {
    callerName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    callbackNumber: Type.Optional(CallbackNumberSchema),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    callReceivedAt: Type.Optional(IsoTimeSchema),
  },
  { additionalProperties: false },
);

/** `GET /api/incidents/possible-duplicates`: open incidents of this category near this point. */
export const DuplicateQuerySchema = Type.Object(
  {
    lat: LatSchema,
    lon: LonSchema,
    category: IncidentCategorySchema,
    radiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000 })),
  },
  { additionalProperties: false },
);

export const DispatchSchema = Type.Object({ unitIds: Type.Array(IdSchema, { minItems: 1, maxItems: 20, uniqueItems: true }) }, { additionalProperties: false });
export const AssignmentStatusChangeSchema = Type.Object(
  {
    status: stringEnum(['acknowledged', 'en_route', 'on_scene', 'cleared', 'declined'] as const),
    at: Type.Optional(IsoTimeSchema),
    /** why the unit declines (a captain must say; kept on the assignment and the timeline) */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /**
     * on scene although the tablet's position is far from the incident (or unknown): the captain
     * confirmed it. Without it a captain's on scene from farther than ON_SCENE_RADIUS_M is refused.
     */
    confirmFar: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ResolveSchema = Type.Object(
  {
    outcome: stringEnum(OUTCOMES),
    settledLevel: Type.Optional(LadderLevelSchema),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    idempotencyKey: Type.Optional(IdempotencyKeySchema),
    /** When the captain pressed resolve (an offline queue sends it late); ignored when in the future. */
    at: Type.Optional(IsoTimeSchema),
  },
  { additionalProperties: false },
);
export const CloseSchema = Type.Object(
  { rating: Type.Integer({ minimum: 1, maximum: 5 }), feedback: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const CancelSchema = Type.Object(
  { as: stringEnum(['cancelled', 'false_alarm'] as const), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const EscalateSchema = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const WhistleSchema = Type.Object(
  {
    departments: Type.Array(stringEnum(DEPARTMENT_VALUES), { minItems: 1, uniqueItems: true }),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
  },
  { additionalProperties: false },
);

export const ActivatePlanSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const TaskUpdateSchema = Type.Object(
  { state: stringEnum(['open', 'in_progress', 'done'] as const), owner: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })) },
  { additionalProperties: false },
);

export type Incident = Static<typeof IncidentSchema>;
export type Task = Static<typeof TaskSchema>;
export type Assignment = Static<typeof AssignmentSchema>;
export type Milestones = Static<typeof MilestonesSchema>;
export type CallIn = Static<typeof CallInSchema>;
export type IncidentPhoto = Static<typeof IncidentPhotoSchema>;
export type Outcome = (typeof OUTCOMES)[number];
export type IncidentStatus = Static<typeof IncidentStatusSchema>;
export type IncidentCategory = Static<typeof IncidentCategorySchema>;
export type Priority = Static<typeof PrioritySchema>;
export const PossibleDuplicateSchema = Type.Object({ incident: IncidentSchema, distanceM: Type.Integer({ minimum: 0 }) });
export type PossibleDuplicate = Static<typeof PossibleDuplicateSchema>;
export type CreateIncident = Static<typeof CreateIncidentSchema>;
export type JoinCall = Static<typeof JoinCallSchema>;
export type DuplicateQuery = Static<typeof DuplicateQuerySchema>;

export function isOpenIncident(status: IncidentStatus): boolean {
  return (OPEN_INCIDENT_STATUSES as readonly string[]).includes(status);
}
