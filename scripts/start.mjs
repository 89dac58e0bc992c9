#!/usr/bin/env node
// `pnpm start`: serve the built web app and the API. Builds first when there is no
// build output, so a fresh clone needs nothing else; starts at once when there is.
// `--demo` turns on the demo unless DEMO is already set, on the streets of Nanjing's centre
// (server/src/demo/osm, © OpenStreetMap contributors, ODbL) unless ROAD_NETWORK is set;
// `ROAD_NETWORK= pnpm demo` (set but empty) runs it on the generated city instead.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = ['shared/dist/index.js', 'server/dist/server.js', 'web/dist/index.html'];
const pnpm =
  process.env.npm_execpath && process.env.npm_execpath.includes('pnpm') ? [process.execPath, [process.env.npm_execpath]] : ['npx', ['-y', 'pnpm@10']];

if (outputs.some((f) => !existsSync(new URL(`../${f}`, import.meta.url)))) {
  console.log('First start: building shared, server and web (about a minute)…');
  const built = spawnSync(pnpm[0], [...pnpm[1], 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const env = { ...process.env };
if (process.argv.includes('--demo')) {
  if (env.DEMO === undefined) env.DEMO = '1';
  if (env.ROAD_NETWORK === undefined) env.ROAD_NETWORK = fileURLToPath(new URL('../server/src/demo/osm/nanjing-xinjiekou.osm.pbf', import.meta.url));
}
const server = spawn(process.execPath, ['server/dist/server.js'], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
