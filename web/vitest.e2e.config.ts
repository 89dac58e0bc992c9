import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// Browser tests against a real server and the production build; run with
// `npx vitest run --config web/vitest.e2e.config.ts` from the repo root (not part of `--project web`).
export default defineProject({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['lianfang-src'] },
  test: {
    name: 'web-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    // One production build for the whole run (each file used to build its own).
    globalSetup: ['e2e/support/global-web-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
