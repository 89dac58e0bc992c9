import { Type } from '@sinclair/typebox';
import { CoverageSchema, IdSchema, StandingCrewChangeSchema, StationSchema, WhatIfReplySchema, WhatIfRequestSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import type { LivePicture } from '../live-picture.js';
import { notFound } from '../domain-errors.js';
import { setStandingCrew } from '../geography/geo-repository.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import type { CoverageService } from './coverage-service.js';

export interface CoverageRouteDeps {
  coverage: CoverageService;
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
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

    app.put(
      '/api/stations/:id/standing-crew',
      {
        schema: {
          tags: ['coverage'],
          summary: "Set (or clear with null) a station's standing crew: the only way a station covers without units standing at it",
          params: Type.Object({ id: IdSchema }),
          body: StandingCrewChangeSchema,
          response: { 200: StationSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { standingCrew } = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const station = await setStandingCrew(q, id, standingCrew);
          if (station) await recordAudit(q, userActor(request.session), 'station.standing_crew', id, { standingCrew });
          return { result: station, events: [] };
        });
        if (!result) throw notFound(`station ${id}`);
        // A standing crew is not published as an event (unlike the console's grid and station changes):
        // this instance reloads it, and coverage follows at once; other instances at their next start (docs/coverage.md).
        await deps.picture.geography.load(deps.db);
        await deps.coverage.recompute();
        return result;
      },
    );
  };
