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
    globalSetup: ['test/global-setup.ts'],
  },
});
