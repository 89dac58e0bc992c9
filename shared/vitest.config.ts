import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['lianfang-src'] },
  test: { name: 'shared', environment: 'node', include: ['test/**/*.test.ts'] },
});
