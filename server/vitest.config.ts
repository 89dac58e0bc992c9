import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['lianfang-src'] },
  ssr: { resolve: { conditions: ['lianfang-src'] } },
  test: {
    name: 'server',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: integration files each start servers and databases; run a few at a time.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
