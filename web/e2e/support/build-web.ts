import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { TEST_HOOKS_MODE } from '../../vite.config';
import { WEB_DIR } from './paths';

/**
 * The production build the server will serve (the real bundle, not the dev
 * server), into a directory of this run's own: two runs at once (a developer
 * and CI) must not wipe each other's assets while their servers serve them.
 * Built in the test-hooks mode: the tests read the units layer through `window.lianfangUnits`.
 */
export async function buildWeb(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'lianfang-web-dist-'));
  await build({ root: WEB_DIR, mode: TEST_HOOKS_MODE, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
