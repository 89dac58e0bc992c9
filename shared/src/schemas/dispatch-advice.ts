import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, IdSchema, IsoTimeSchema, LatSchema, LonSchema, ModeSchema, Nullable, stringEnum } from './common.js';
import { UnitStatusSchema } from './unit.js';
import { IncidentCategorySchema } from './incident.js';
import { CAPABILITY_TIERS } from '../domain/capabilities.js';

/** A fix older than this is "stale": the unit may have moved since, so its ETA is a guess. */
export const STALE_FIX_SECONDS = 120;
/**
 * A unit silent for t seconds may have driven away for t seconds, and would need about t to
 * come back: a stale unit is ranked by ETA + min(age, this cap). The cap (the P1 arrival target)
 * keeps a long-silent unit in the list, ordered among the slow ones, instead of dropping it.
 */
export const STALE_UNCERTAINTY_CAP_SECONDS = 300;

const filters = {
  /** Available candidates to return; busy units follow, at most as many again. */
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  force: Type.Optional(ForceSchema),
  mode: Type.Optional(ModeSchema),
  teamId: Type.Optional(IdSchema),
};

/** `GET /api/incidents/:id/candidates?limit=&force=&mode=&teamId=` */
export const CandidatesQuerySchema = Type.Object(filters, { additionalProperties: false });

/**
 * `POST /api/candidates` and the socket command `dispatch:candidates`: any point on the map.
 * With `category`, units are ranked by capability tier first (see CAPABILITY_TABLE) and units of
 * no capability are left out unless `force` names them; without it, by ETA alone.
 */
export const CandidatesRequestSchema = Type.Object(
  { lat: LatSchema, lon: LonSchema, category: Type.Optional(IncidentCategorySchema), ...filters },
  { additionalProperties: false },
);

export const CapabilityTierSchema = stringEnum(CAPABILITY_TIERS);

export const CandidateSchema = Type.Object({
  unitId: IdSchema,
  callsign: Type.String(),
  force: ForceSchema,
  mode: ModeSchema,
  status: UnitStatusSchema,
  /** How the unit's force fits the incident's category (null: the query named no category). */
  tier: Nullable(CapabilityTierSchema),
  /** false: busy (on another job); listed after every available unit so the operator sees it. */
  available: Type.Boolean(),
  /** Road travel time plus the walk from the kerb; null when not reachable within 30 minutes. */
  etaSeconds: Nullable(Type.Number({ minimum: 0 })),
  /** What the list is sorted by: etaSeconds + uncertaintySeconds. */
  rankSeconds: Nullable(Type.Number({ minimum: 0 })),
  /** 0 for a fresh fix; min(age, 300) for a stale one. */
  uncertaintySeconds: Type.Number({ minimum: 0 }),
  distanceM: Nullable(Type.Number({ minimum: 0 })),
  positionAgeSeconds: Type.Number({ minimum: 0 }),
  stale: Type.Boolean(),
  /** Straight-line estimate: the unit or the point is off the road network. */
  fallback: Type.Boolean(),
  lat: LatSchema,
  lon: LonSchema,
});

export const CandidatesReplySchema = Type.Object({
  lat: LatSchema,
  lon: LonSchema,
  computedAt: IsoTimeSchema,
  /** Blue-light speed-up applied to car and moto. */
  emergencyFactor: Type.Number(),
  candidates: Type.Array(CandidateSchema),
});

/**
 * Before (and while) anyone travels: the best ETA to an open incident that nobody has reached,
 * and whether even that unit would miss the arrival target. Published only on material change.
 */
export const IncidentAdviceSchema = Type.Object({
  incidentId: IdSchema,
  bestUnitId: Nullable(IdSchema),
  /** The best unit's rank ETA (a stale fix's uncertainty included); null: nobody can reach it. */
  bestEtaSeconds: Nullable(Type.Number({ minimum: 0 })),
  /** now + bestEta > createdAt + the priority's arrival target (true when nobody can reach it). */
  wouldBreach: Type.Boolean(),
  computedAt: IsoTimeSchema,
});

export type CandidatesQuery = Static<typeof CandidatesQuerySchema>;
export type CandidatesRequest = Static<typeof CandidatesRequestSchema>;
export type Candidate = Static<typeof CandidateSchema>;
export type CandidatesReply = Static<typeof CandidatesReplySchema>;
export type IncidentAdvice = Static<typeof IncidentAdviceSchema>;
