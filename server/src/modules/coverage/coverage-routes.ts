import { CoverageSchema, WhatIfReplySchema, WhatIfRequestSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import type { CoverageService } from './coverage-service.js';

export interface CoverageRouteDeps {
  coverage: CoverageService;
}

/** The live 15-minute response map and the "what if we moved units" question. */
export const coverageRoutes =
  (deps: CoverageRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/coverage',
      {
        schema: {
          tags: ['coverage'],
          summary: "The latest published coverage (the same as the snapshot's `coverage`); 404 until one exists",
          response: { 200: CoverageSchema },
        },
        // The control room's analysis: a captain's socket feed carries no coverage (captain-visibility.ts), so neither does REST.
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async () => {
        const coverage = deps.coverage.latest();
        if (!coverage) throw notFound('coverage (nothing covered yet)');
        return coverage;
      },
    );

    app.post(
      '/api/coverage/what-if',
      {
        schema: {
          tags: ['coverage'],
          summary: 'Shares within 5/15 min with extra responders and/or without some units; never changes the live map',
          body: WhatIfRequestSchema,
          response: { 200: WhatIfReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request) => deps.coverage.whatIf(request.body),
    );
  };
