import type { Role } from '@lianfang/shared';
import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router';
import { useAuthStore } from '../features/auth/auth.store';
import { ACCOUNT_ROLES, ADMIN_ROLES, ANALYTICS_ROLES, TABLET_ROLES, WALL_ROLES, homePathFor } from '../features/auth/role-home';

declare module 'vue-router' {
  interface RouteMeta {
    /** roles allowed on this screen; absent = public */
    roles?: readonly Role[];
  }
}

export function buildRouter() {
  const router = createRouter({
    // History mode: the server answers every unknown path with index.html.
    history: createWebHistory(),
    routes: [
      { path: '/login', name: 'login', component: () => import('../features/auth/views/LoginView.vue') },
      { path: '/wall', name: 'wall', component: () => import('../features/wall/views/WallView.vue'), meta: { roles: WALL_ROLES } },
      { path: '/tablet', name: 'tablet', component: () => import('../features/tablet/views/TabletView.vue'), meta: { roles: TABLET_ROLES } },
      {
        path: '/analytics',
        name: 'analytics',
        component: () => import('../features/analytics/views/AnalyticsDashboardView.vue'),
        meta: { roles: ANALYTICS_ROLES },
      },
      {
        path: '/analytics/incidents',
        name: 'analytics-incidents',
        component: () => import('../features/analytics/views/AnalyticsIncidentsView.vue'),
        meta: { roles: ANALYTICS_ROLES },
      },
      {
        path: '/analytics/incidents/:id',
        name: 'analytics-incident',
        component: () => import('../features/analytics/views/IncidentReplayView.vue'),
        meta: { roles: ANALYTICS_ROLES },
      },
      {
        path: '/analytics/report',
        name: 'analytics-report',
        component: () => import('../features/analytics/views/AnalyticsReportView.vue'),
        meta: { roles: ANALYTICS_ROLES },
      },
      { path: '/account', name: 'account', component: () => import('../features/account/views/AccountView.vue'), meta: { roles: ACCOUNT_ROLES } },
      { path: '/admin', name: 'admin', component: () => import('../features/admin/views/AdminView.vue'), meta: { roles: ADMIN_ROLES } },
      // `/` goes through /login, whose guard sends a restored session to its role's screen.
      { path: '/', name: 'home', redirect: '/login' },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to): Promise<RouteLocationRaw | true> => {
    const auth = useAuthStore();
    await auth.restore();
    const role = auth.role;
    if (to.name === 'login' && role) return homePathFor(role);
    const allowed = to.meta.roles;
    if (!allowed) return true;
    if (!role) return { name: 'login', query: { next: to.fullPath } };
    return allowed.includes(role) ? true : homePathFor(role);
  });

  return router;
}
