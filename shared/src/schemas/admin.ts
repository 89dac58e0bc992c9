import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, Nullable, stringEnum } from './common.js';

/** One entry of the audit log: who (`user:<name>`, `device:<id>`, `system`) did what to which target. */
export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: IsoTimeSchema,
  actor: Type.String(),
  action: Type.String({ description: 'user.create, device.create, unit.create, unit.status, incident.dispatch, incident.escalate, …' }),
  target: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    action: Type.Optional(Type.String({ maxLength: 64, description: 'exact action, or a prefix ending in a dot: `incident.`' })),
    actor: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);

export const BrokenLinkSchema = Type.Object({
  incidentId: Type.String(),
  eventId: Type.Integer(),
  reason: stringEnum(
    ['row_changed', 'link_broken'] as const,
    'row_changed: this row was edited; link_broken: the row before it was changed, or a row was removed or inserted here',
  ),
});

/** GET /api/admin/timelines/verify and `pnpm --filter ./server verify-timelines --json`. */
export const TimelineReportSchema = Type.Object({
  ok: Type.Boolean(),
  incidents: Type.Integer(),
  rows: Type.Integer(),
  firstBroken: Nullable(BrokenLinkSchema),
  broken: Type.Array(BrokenLinkSchema),
  headsDigest: Type.String({ description: 'sha256 over every chain head; record it off-site to detect a later rewrite of whole chains' }),
});

export const TimelineVerifyQuerySchema = Type.Object({ incidentId: Type.Optional(IdSchema) }, { additionalProperties: false });

export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditQuery = Static<typeof AuditQuerySchema>;
export type BrokenLink = Static<typeof BrokenLinkSchema>;
export type TimelineReport = Static<typeof TimelineReportSchema>;
