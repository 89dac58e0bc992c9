import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

// In dev the API runs separately (server on :8080); the built app is served by that same server.
const API = process.env.LIANFANG_API ?? 'http://127.0.0.1:8080';

/**
 * The Vite mode of builds that browser tests drive (e2e, the wall bench): only these get the test
 * probes (`window.lianfangUnits`); `pnpm build` (mode `production`) ships without them.
 * Pass it as `build({ mode: TEST_HOOKS_MODE })`, or `vite --mode test-hooks` for a dev server with them.
 */
export const TEST_HOOKS_MODE = 'test-hooks';

export default defineConfig(({ mode }) => ({
  plugins: [vue()],
  // A build-time constant: in other builds the probe's branch and module are dropped.
  define: { 'import.meta.env.LIANFANG_TEST_HOOKS': JSON.stringify(mode === TEST_HOOKS_MODE) },
  // Read @lianfang/shared from its TypeScript source: no shared build step for the web app.
  resolve: { conditions: ['lianfang-src', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': API,
      '/ingest': API,
      '/docs': API,
      '/tiles': API,
      '/map/style.json': API,
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
}));
