import { defineConfig } from 'vitest/config';

// Source-level imports of @lianfang/shared everywhere (no build needed to test).
export default defineConfig({
  resolve: { conditions: ['lianfang-src'] },
  ssr: { resolve: { conditions: ['lianfang-src'] } },
  test: {
    projects: ['shared', 'server', 'web'],
    // Two cores: integration files each start servers and databases.
    maxWorkers: 2,
  },
});
