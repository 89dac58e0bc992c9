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
    // One module graph per worker for all its files: every file imports the whole server (app.ts and
    // its modules), and importing it again per file was about a third of the suite's time. Each file
    // still builds its own apps, databases and Redis prefixes; none keeps state at module level.
    isolate: false,
  },
});
