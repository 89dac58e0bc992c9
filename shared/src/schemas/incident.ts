import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, LatSchema, LonSchema, Nullable, stringEnum } from './common.js';

/** The closed loop: found → dispatched → … → resolved → closed (evaluated). */
export const INCIDENT_STATUSES = [
  'reported', 'dispatched', 'acknowledged', 'en_route', 'on_scene', 'resolved', 'closed', 'cancelled', 'false_alarm',
] as const;
export const OPEN_INCIDENT_STATUSES = ['reported', 'dispatched', 'acknowledged', 'en_route', 'on_scene'] as const;
export const INCIDENT_CATEGORIES = [
  'criminal', 'public_order', 'dispute', 'traffic', 'fire', 'medical', 'natural_disaster', 'public_health',
  'production_safety', 'assistance', 'other',
] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const INCIDENT_SOURCES = ['alert', 'call', 'patrol_report', 'manual'] as const;

export const IncidentStatusSchema = stringEnum(INCIDENT_STATUSES);
export const IncidentCategorySchema = stringEnum(INCIDENT_CATEGORIES);
export const PrioritySchema = stringEnum(PRIORITIES);

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
});

export const CreateIncidentSchema = Type.Object(
  {
    category: IncidentCategorySchema,
    priority: PrioritySchema,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    lat: LatSchema,
    lon: LonSchema,
    source: Type.Optional(stringEnum(INCIDENT_SOURCES)),
  },
  { additionalProperties: false },
);

export type Incident = Static<typeof IncidentSchema>;
export type IncidentStatus = Static<typeof IncidentStatusSchema>;
export type IncidentCategory = Static<typeof IncidentCategorySchema>;
export type Priority = Static<typeof PrioritySchema>;
export type CreateIncident = Static<typeof CreateIncidentSchema>;

export function isOpenIncident(status: IncidentStatus): boolean {
  return (OPEN_INCIDENT_STATUSES as readonly string[]).includes(status);
}
