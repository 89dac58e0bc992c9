import { Type } from '@sinclair/typebox';
import { AuditEntrySchema, AuditQuerySchema, TimelineReportSchema, TimelineVerifyQuerySchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireRole } from '../users-auth/require-role.js';
import { listAudit } from './audit-query.js';
import { verifyTimelines } from './timeline-verifier.js';
import type { Database } from '../../db/database.js';

export interface AuditRouteDeps {
  db: Database;
}

/** Admin-only oversight: the audit log, and the check that no incident timeline was altered. */
export const adminRoutes =
  (deps: AuditRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/admin/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'Audit log, newest first: every admin change, dispatch and escalation with its actor',
          querystring: AuditQuerySchema,
          response: { 200: Type.Array(AuditEntrySchema) },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => listAudit(deps.db, request.query),
    );

    app.get(
      '/api/admin/timelines/verify',
      {
        schema: {
          tags: ['admin'],
          summary: "Recompute every incident timeline's hash chain; reports the first broken link",
          querystring: TimelineVerifyQuerySchema,
          response: { 200: TimelineReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => verifyTimelines(deps.db, request.query),
    );
  };
