import { buildApp } from './app.js';
import { bootstrapAdmin } from './modules/users-auth/bootstrap-admin.js';
import { loadConfig } from './config.js';
import { startDemo } from './demo/demo.js';
import { DEMO_CAPTAIN } from './demo/demo-seed.js';

const config = loadConfig();
const app = await buildApp(config);
const generated = await bootstrapAdmin(app);
await app.listen({ port: config.PORT, host: config.HOST });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const stopDemo = config.DEMO ? await startDemo(app, `http://127.0.0.1:${port}`) : null;

const lines = [
  '',
  `  Lianfang 联防 is running: http://localhost:${port}/`,
  `  Wall screen: http://localhost:${port}/wall   Tablet: http://localhost:${port}/tablet   API docs: http://localhost:${port}/docs`,
  generated
    ? `  Login: admin / ${generated}   (generated now and shown only once; set ADMIN_PASSWORD to choose it)`
    : config.ADMIN_PASSWORD
      ? '  Login: admin / (ADMIN_PASSWORD)'
      : '  Login: your existing users',
  ...(config.DEMO ? [`  Demo logins: operator / operator-demo (wall), captain / ${DEMO_CAPTAIN.password} (tablet), manager / manager-demo`] : []),
  `  Storage: ${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.DATA_DIR}`}, event log: ${config.REDIS_URL ? 'Redis' : 'in-process'}${config.DEMO ? ', demo city running' : ''}`,
  '',
];
process.stdout.write(lines.join('\n') + '\n');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'closing');
    stopDemo?.();
    // Buffered positions and unpublished events are flushed by the core's close.
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
