import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the production build every e2e file serves (made once per run by global-web-build.ts) */
    webDist: string;
    /** a DATA_DIR with an empty, migrated PGlite that each test server starts from */
    pgliteTemplate: string;
  }
}

/**
 * The run's one production build, made by the global setup before the first file: building per file
 * cost about half a minute each on two cores, for the same bundle every time. The global setup removes it.
 */
export function builtWeb(): string {
  return inject('webDist');
}
