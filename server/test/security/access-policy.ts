import type { ClientToServerEvents, Role } from '@lianfang/shared';

/**
 * Who may call what: the security tests hold the running app to this table.
 * A route or socket command that is not listed fails the tests, so adding one
 * means deciding its roles here (and in docs/api.md).
 */
export const ALL: Role[] = ['admin', 'operator', 'manager', 'captain'];
export const CONTROL: Role[] = ['admin', 'operator', 'manager'];
const OPS: Role[] = ['admin', 'operator'];
const FIELD: Role[] = ['admin', 'operator', 'captain'];

/** `public`: no login (health, docs, login itself); `tracker`/`device`: ingest with a tracker id / device key, never a user token. */
export type Access = Role[] | 'public' | 'tracker' | 'device';

export const ROUTE_POLICY: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/auth/sessions': ALL,
  'DELETE /api/auth/sessions/:sessionId': ALL,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/password': ['admin'],
  'GET /api/users/:id/sessions': ['admin'],
  'DELETE /api/users/:id/sessions': ['admin'],
  'DELETE /api/users/:id/sessions/:sessionId': ['admin'],
  'GET /api/admin/trackers': ['admin'],
  'POST /api/units/:id/tracker': ['admin'],
  'DELETE /api/units/:id/tracker': ['admin'],
  'GET /api/devices': ['admin'],
  'POST /api/devices': ['admin'],
  'GET /api/admin/devices': ['admin'],
  'POST /api/devices/:id/key': ['admin'],
  'DELETE /api/devices/:id': ['admin'],
  'GET /api/units': ALL,
  'POST /api/units': ['admin'],
  'POST /api/units/:id/status': FIELD,
  'GET /api/admin/units': ['admin'],
  'PATCH /api/units/:id': ['admin'],
  'POST /api/units/:id/retire': ['admin'],
  'GET /api/state': ALL,
  'GET /api/grids': ALL,
  'GET /api/stations': ALL,
  'PUT /api/stations/:id/standing-crew': ['admin'],
  'GET /api/teams': ALL,
  // The basemap: public map data, but behind the login like every operator route (docs/api.md).
  'GET /tiles/:z/:x/:y': ALL,
  'GET /map/style.json': ALL,
  'GET /api/incidents': CONTROL,
  'GET /api/incidents/awaiting-evaluation': CONTROL,
  'GET /api/incidents/:id': CONTROL,
  'GET /api/incidents/possible-duplicates': CONTROL,
  'POST /api/incidents/:id/calls': OPS,
  'POST /api/incidents': FIELD,
  'POST /api/incidents/:id/dispatch': OPS,
  'POST /api/incidents/:id/units/:unitId/status': FIELD,
  'GET /api/incidents/:id/units/:unitId/route': ALL,
  'POST /api/incidents/:id/photos': ['admin', 'operator', 'captain'],
  'GET /api/photos/:id': ALL,
  'POST /api/incidents/:id/resolve': FIELD,
  'POST /api/incidents/:id/close': CONTROL,
  'POST /api/incidents/:id/cancel': OPS,
  'POST /api/incidents/:id/escalate': OPS,
  'POST /api/incidents/:id/whistle': OPS,
  'POST /api/incidents/:id/report-in': OPS,
  'POST /api/incidents/:id/tasks/:index': OPS,
  'GET /api/incidents/:id/candidates': CONTROL,
  'POST /api/candidates': CONTROL,
  'GET /api/places': CONTROL,
  'GET /api/coverage': CONTROL,
  'POST /api/coverage/what-if': CONTROL,
  'GET /api/key-areas': ALL,
  'POST /api/key-areas': OPS,
  'GET /api/plans': ALL,
  'POST /api/plans/:planId/activate': OPS,
  'GET /api/admin/plans': ['admin'],
  'POST /api/admin/plans': ['admin'],
  'PUT /api/admin/plans/:planId': ['admin'],
  'POST /api/admin/plans/:planId/retire': ['admin'],
  'POST /api/admin/plans/:planId/reinstate': ['admin'],
  'GET /api/admin/plans/:planId/versions': ['admin'],
  'GET /api/patrol-plans': ALL,
  'POST /api/patrol-plans': OPS,
  'GET /api/stats/loop': CONTROL,
  'GET /api/analytics/response': CONTROL,
  'GET /api/analytics/response-histogram': CONTROL,
  'GET /api/analytics/closure': CONTROL,
  'GET /api/analytics/category-change': CONTROL,
  'GET /api/analytics/heatmap': CONTROL,
  'GET /api/analytics/units': CONTROL,
  'GET /api/analytics/coverage': CONTROL,
  'GET /api/analytics/key-areas': CONTROL,
  'GET /api/analytics/incidents': CONTROL,
  'GET /api/analytics/tracks': CONTROL,
  'GET /api/admin/audit': ['admin'],
  'POST /api/admin/import/incidents': ['admin'],
  'POST /api/admin/import/units': ['admin'],
  'POST /api/admin/grids': ['admin'],
  'PATCH /api/admin/grids/:id': ['admin'],
  'POST /api/admin/grids/:id/retire': ['admin'],
  'POST /api/admin/stations': ['admin'],
  'PATCH /api/admin/stations/:id': ['admin'],
  'POST /api/admin/stations/:id/retire': ['admin'],
  'POST /api/admin/import/grids': ['admin'],
  'POST /api/admin/import/stations': ['admin'],
  'GET /api/admin/export/geography': ['admin'],
  'POST /api/admin/import/users': ['admin'],
  'POST /api/admin/import/devices': ['admin'],
  'GET /api/admin/export/jurisdiction': ['admin'],
  'POST /api/admin/import/jurisdiction': ['admin'],
  'GET /api/admin/timelines/verify': ['admin'],
  'GET /api/admin/teams': ['admin'],
  'POST /api/teams': ['admin'],
  'PATCH /api/teams/:id': ['admin'],
  'POST /api/teams/:id/retire': ['admin'],
  'GET /ingest/osmand': 'tracker',
  'POST /ingest/osmand': 'tracker',
  'POST /ingest/traccar': 'tracker',
  'POST /ingest/alerts': 'device',
};

/** The OpenAPI UI and its assets are public by design (no data). */
export const isDocsRoute = (url: string) => url === '/docs' || url.startsWith('/docs/');

/**
 * Socket commands: a `Record` over the shared contract's keys, so the
 * typecheck fails when a command is added to ClientToServerEvents and not here.
 * `unitBound`: only a login bound to a unit (a captain's tablet) may send it.
 */
export const SOCKET_POLICY: Record<keyof ClientToServerEvents, { roles: Role[]; unitBound?: boolean }> = {
  'sync:resume': { roles: ALL },
  'position:report': { roles: ['captain'], unitBound: true },
  'alert:raise': { roles: FIELD },
  'dispatch:candidates': { roles: CONTROL },
};
