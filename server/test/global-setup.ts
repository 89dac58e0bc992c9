import { rmSync } from 'node:fs';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { makePgliteTemplate } from './helpers/pglite-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a DATA_DIR with an empty, migrated PGlite that test servers start from (helpers/pglite-template.ts) */
    pgliteTemplate: string;
  }
}

/** Integration tests need the real services; say so plainly instead of failing in odd places. */
export default async function setup(project: TestProject): Promise<() => void> {
  for (const [name, port] of [
    ['Redis', 6379],
    ['PostgreSQL', 5432],
  ] as const) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!ok) throw new Error(`${name} is not reachable on 127.0.0.1:${port}. Start it (see docs/operations.md) or run .ci/run, which starts it.`);
  }
  const template = await makePgliteTemplate();
  project.provide('pgliteTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
