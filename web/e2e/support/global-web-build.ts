import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { makePgliteTemplate } from '../../../server/test/helpers/pglite-template';
import { buildWeb } from './build-web';

/**
 * Vitest global setup, once per run: the production build every e2e file serves, and an empty
 * migrated PGlite each test server starts from (an initdb per server cost about 5 s). Both removed after the run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const [webDist, pgliteTemplate] = await Promise.all([buildWeb(), makePgliteTemplate()]);
  project.provide('webDist', webDist);
  project.provide('pgliteTemplate', pgliteTemplate);
  return () => {
    rmSync(webDist, { recursive: true, force: true });
    rmSync(pgliteTemplate, { recursive: true, force: true });
  };
}
