import { Type } from '@sinclair/typebox';
import { AdminTeamSchema, CreateTeamSchema, IdSchema, RetireSchema, UpdateTeamSchema, type AdminTeam } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { conflict } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { staleOrMissing } from '../versioned-change.js';
import { activeUnitsOfTeam, findActiveTeam, insertAdminTeam, listAdminTeams, retireTeamAt, teamNameTaken, updateTeamAt } from './team-repository.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';

export interface TeamRouteDeps {
  db: Database;
  bus: CommandBus;
}

const publicTeam = ({ id, name, force }: AdminTeam) => ({ id, name, force });

/** Teams, for administrators: every change audited and published (`team.updated`), so open walls relabel at once. */
export const teamRoutes =
  (deps: TeamRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });

    app.get(
      '/api/admin/teams',
      {
        schema: { tags: ['teams'], summary: 'Teams in service, with their versions', response: { 200: Type.Array(AdminTeamSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => listAdminTeams(deps.db),
    );

    app.post(
      '/api/teams',
      {
        schema: { tags: ['teams'], summary: 'Create a team (name unique among teams in service)', body: CreateTeamSchema, response: { 201: AdminTeamSchema } },
        preHandler: requireRole('admin'),
      },
      async (request, reply) => {
        const { result } = await deps.bus.run(async (q) => {
          if (await teamNameTaken(q, request.body.name, null)) throw conflict('name', 'a team in service already has this name');
          const team = await insertAdminTeam(q, request.body);
          await recordAudit(q, userActor(request.session), 'team.create', team.id, request.body);
          return { result: team, events: [{ type: 'team.updated' as const, team: publicTeam(team), retired: false }] };
        });
        return reply.status(201).send(result);
      },
    );

    app.patch(
      '/api/teams/:id',
      {
        schema: {
          tags: ['teams'],
          summary: 'Rename a team (or change its force), on the version you saw',
          params,
          body: UpdateTeamSchema,
          response: { 200: AdminTeamSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { version, ...change } = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveTeam(q, id);
          if (!current || current.version !== version) throw staleOrMissing('team', current, version);
          const name = change.name ?? current.name;
          if (name !== current.name && (await teamNameTaken(q, name, id))) throw conflict('name', 'a team in service already has this name');
          const team = await updateTeamAt(q, id, version, { name, force: change.force ?? current.force });
          if (!team) throw staleOrMissing('team', await findActiveTeam(q, id), version);
          await recordAudit(q, userActor(request.session), 'team.update', id, { before: publicTeam(current), after: change });
          return { result: team, events: [{ type: 'team.updated' as const, team: publicTeam(team), retired: false }] };
        });
        return result;
      },
    );

    app.post(
      '/api/teams/:id/retire',
      {
        schema: {
          tags: ['teams'],
          summary: 'Retire a team that has no unit in service: it leaves every screen, history keeps it',
          params,
          body: RetireSchema,
          response: { 200: AdminTeamSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { version } = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveTeam(q, id);
          if (!current || current.version !== version) throw staleOrMissing('team', current, version);
          const units = await activeUnitsOfTeam(q, id);
          if (units > 0) throw conflict('id', `the team still has ${units} unit(s) in service: move or retire them first`);
          const team = await retireTeamAt(q, id, version);
          if (!team) throw staleOrMissing('team', await findActiveTeam(q, id), version);
          await recordAudit(q, userActor(request.session), 'team.retire', id, { name: current.name });
          return { result: team, events: [{ type: 'team.updated' as const, team: publicTeam(team), retired: true }] };
        });
        return result;
      },
    );
  };
