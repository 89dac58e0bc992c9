import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [vue()],
  resolve: {
    conditions: ['lianfang-src'],
    // Socket tests run a real Socket.IO server in-process; the web app itself never imports it.
    alias: { 'socket.io': fileURLToPath(new URL('../server/node_modules/socket.io/wrapper.mjs', import.meta.url)) },
  },
  // Tests in the node environment resolve through SSR: they too must take @lianfang/shared from source
  // (a fresh clone has no shared/dist).
  ssr: { resolve: { conditions: ['lianfang-src'] } },
  test: { name: 'web', environment: 'happy-dom', include: ['test/**/*.test.ts'] },
});
