import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.js';

/**
 * Every kind of line the server writes to an incident's timeline (`incident_events.kind`).
 * Screens label each one in every language (web `timeline-labels.ts`); a test reads the
 * server's `appendTimeline` calls and fails when a kind is written that is not listed here.
 */
export const TIMELINE_KINDS = [
  'created',
  'alert_received',
  'alert_joined',
  'unit_dispatched',
  'unit_acknowledged',
  'unit_en_route',
  'unit_on_scene',
  'unit_cleared',
  'unit_declined',
  'ack_timeout',
  'ack_target_breached',
  'arrival_target_breached',
  'escalated',
  'whistle',
  'reported_in',
  'call_in_overdue',
  'plan_activated',
  'plan_shortfall',
  'task_updated',
  'resolved',
  'closed',
  'cancelled',
  'false_alarm',
  'call_joined',
  'photo_added',
  'milestone_corrected',
  'breach_withdrawn',
  'ack_timeout_withdrawn',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Who wrote a line: `user:<username>`, `device:<id>`, `unit:<id>`, `tracker:<callsign>` or `system`. */
export const TIMELINE_ACTOR_KINDS = ['user', 'device', 'unit', 'tracker', 'system', 'demo'] as const;
export type TimelineActorKind = (typeof TIMELINE_ACTOR_KINDS)[number];

/** One line of an incident's timeline as `GET /api/incidents/:id` returns it. */
export const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  /**
   * The actor by name, resolved by the server when it answers (a device's name and its unit's
   * callsign, a unit's callsign, a user's name): screens never print an id. Null when the
   * record it pointed at is gone.
   */
  actorName: Type.Optional(Nullable(Type.String())),
  kind: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntrySchema>;
