/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** true in builds made for browser tests (vite.config.ts, TEST_HOOKS_MODE); absent or false elsewhere */
  readonly LIANFANG_TEST_HOOKS?: boolean;
}
