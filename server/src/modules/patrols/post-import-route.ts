import type { PatrolPlan } from '@lianfang/shared';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { geoJsonImportRoute, type GeoJsonImport } from '../geography/geojson-import-route.js';
import { insertPatrolPlan, savePatrolPlan } from './patrol-plan-repository.js';
import { planPostImport, type PostChange } from './post-import.js';

/** How the posts import plans and writes: shared by its route and the jurisdiction file set. */
export const postImport: GeoJsonImport<PostChange, PatrolPlan> = {
  kind: 'posts',
  what: 'fixed posts (Point; code, name, unitCallsign, fromHhmm, toHhmm, radiusM)',
  auditAs: 'patrol_plan',
  plan: planPostImport,
  write: async (q, c) => ({
    action: c.action,
    record: c.action === 'create' ? await insertPatrolPlan(q, c.plan) : await savePatrolPlan(q, c.plan),
    audit: { code: c.plan.code, ...(c.action === 'update' ? { fields: c.fields } : { kind: 'post', unitId: c.plan.unitId }) },
  }),
  events: (written) => written.map((patrolPlan) => ({ type: 'patrol_plan.updated', patrolPlan })),
};

/** `POST /api/admin/import/posts`: fixed posts from GeoJSON Points, by code (docs/admin-geography.md). */
export const postImportRoute = (deps: { db: Database; bus: CommandBus }) => geoJsonImportRoute(deps, postImport);
