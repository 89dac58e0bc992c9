import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

// In dev the API runs separately (server on :8080); the built app is served by that same server.
const API = process.env.LIANFANG_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  // Read @lianfang/shared from its TypeScript source: no shared build step for the web app.
  resolve: { conditions: ['lianfang-src', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': API,
      '/ingest': API,
      '/docs': API,
      '/socket.io': { target: API, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified. It lands in the lazily loaded wall chunk, so the
    // login and the tablet never download it; the warning is noise.
    chunkSizeWarningLimit: 1500,
  },
});
