import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { trustProxyOf, type Config } from './config.js';
import { createCore, openDatabase, type Core } from './compose.js';
import type { Database } from './db/database.js';
import { attachSocketHandlers, createSocketServer } from './transport/socket/socket-server.js';
import type { LianfangServer } from './transport/socket/socket-types.js';
import { registerAuth } from './transport/http/auth.js';
import { registerControlCharCheck } from './transport/http/control-chars.js';
import { registerErrorHandler } from './transport/http/error-handler.js';
import { allowedOriginsOf, registerOriginCheck, socketOriginGate } from './transport/http/origin-check.js';
import { registerSecurityHeaders } from './transport/http/security-headers.js';
import { registerValidatorCompilers } from './transport/http/validator-compilers.js';
import { errorForLog, requestForLog } from './observability/log-serializers.js';
import { registerRouteRegistry } from './transport/http/route-registry.js';
import { stateRoutes } from './transport/http/state-routes.js';
import { alertIngestRoutes } from './transport/http/ingest/alert-ingest-routes.js';
import { osmandRoutes } from './transport/http/ingest/osmand-routes.js';
import { traccarRoutes } from './transport/http/ingest/traccar-routes.js';
import { healthRoutes } from './transport/http/health-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    core: Core;
    io: LianfangServer;
  }
}

/** Everything a browser talks to: the operator API, the docs, health and the web app. */
const browserRoutes =
  (core: Core, config: Config) =>
  async (app: FastifyInstance): Promise<void> => {
    await registerSecurityHeaders(app, allowedOriginsOf(config.PUBLIC_ORIGIN));
    // The road basemap is ~1 MB of GeoJSON: gzip makes it a tenth of that.
    await app.register(compress, { global: true, threshold: 4096 });
    await app.register(cookie);
    registerOriginCheck(app, allowedOriginsOf(config.PUBLIC_ORIGIN));
    await app.register(swaggerUi, { routePrefix: '/docs' });
    registerAuth(app, core.sessions);
    registerControlCharCheck(app);

    await app.register(healthRoutes(core));
    await app.register(stateRoutes(core));
    // Every module's operator routes, as the composition root lists the modules.
    for (const module of core.modules) for (const routes of module.routes ?? []) await app.register(routes);

    const webDist = config.WEB_DIST ?? DEFAULT_WEB_DIST;
    if (existsSync(join(webDist, 'index.html'))) {
      await app.register(fastifyStatic, { root: webDist, wildcard: false });
      // Client-side routes (/wall, /tablet …) all load the single page.
      // Not for machine paths: an unknown /api/… must stay a JSON 404, never the app's HTML with 200.
      app.get('/*', { schema: { hide: true } }, (request, reply) => (isMachinePath(request.url) ? reply.callNotFound() : reply.sendFile('index.html')));
    }
  };

/** Paths that programs call (API, ingest, sockets, docs, health): never answered with the web app. */
export const isMachinePath = (url: string) => /^\/(api|ingest|socket\.io|docs|metrics|healthz|readyz)(\/|\?|$)/.test(url);

const DEFAULT_WEB_DIST = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** Builds the whole server (used by server.ts and by the tests). Call `listen` on the result. */
export async function buildApp(
  config: Config,
  options: { db?: Database; logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'body.password'],
            // No query strings and no database parameters in any log line (issue 14).
            serializers: { req: requestForLog, err: errorForLog },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: 256 * 1024,
    // X-Forwarded-* only from the proxies TRUST_PROXY names: believed from anyone, a spoofed address would escape the per-address limits.
    trustProxy: trustProxyOf(config),
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const { io, emitTo } = createSocketServer(app.server, { allowRequest: socketOriginGate(allowedOriginsOf(config.PUBLIC_ORIGIN)) });
  const db = options.db ?? (await openDatabase(config));
  const core = await createCore(config, db, emitTo, app.log);
  app.decorate('core', core);
  app.decorate('io', io);
  // What each module answers over the socket; the transport validates, guards and acknowledges them alike.
  const socketCommands = core.modules.flatMap((module) => module.commands ?? []);
  const socketWatchers = attachSocketHandlers(io, core, socketCommands, app.log);

  registerErrorHandler(app);
  registerValidatorCompilers(app);
  registerRouteRegistry(app);
  // Content parsers and the rate limiter's per-route hooks: both contexts below need them.
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  // At the root, so the OpenAPI document lists the routes of both contexts.
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lianfang API',
        version: '0.1.0',
        description:
          'Real-time command centre for joint patrols. Operator routes need a login (Bearer token or session cookie); ingest routes use tracker ids and device keys.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // Two contexts. Browsers (operators, tablets, the docs) get security headers, compression,
  // cookies and login. Devices (trackers, alert gateways) get none of that: they send no cookies,
  // render no pages and authenticate with their own keys, and their ingest route is the hottest
  // path of the server, where each global hook cost CPU on every one of thousands of fixes a second.
  await app.register(browserRoutes(core, config));
  await app.register(async (devices) => {
    // A fix's query is a dozen short strings: the walk costs microseconds, a NUL in a note cost a 500.
    registerControlCharCheck(devices);
    await devices.register(osmandRoutes(core));
    await devices.register(traccarRoutes(core));
    await devices.register(alertIngestRoutes(core));
  });

  // Sockets first: an open WebSocket would keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    socketWatchers.stop();
    io.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await core.close();
  });
  return app;
}
