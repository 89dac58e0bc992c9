import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { LogEntry } from '@lianfang/shared';
import type { IncomingFix } from './positions/position-ingest.js';
import type { SocketCommand } from './socket-commands.js';

/** An operator route plugin (browser context: login, cookies, security headers). */
export type RoutePlugin = FastifyPluginAsyncTypebox | FastifyPluginAsync;

/** Something that runs on its own beat while the instance is up: a watcher, a publisher, a flusher. */
export interface ModuleWorker {
  start(): void;
  /** Resolves once a tick in flight has finished, so the database can close under it. */
  stop(): Promise<void> | void;
}

/**
 * What one domain module contributes to an instance. Each module's factory takes
 * only its dependencies and returns this (plus the services other modules need);
 * the composition root (`compose.ts`) collects the parts and the transport serves
 * them — no module knows the others' routes, commands or timers.
 */
export interface ModuleParts {
  /** For logs and docs: the module's folder name. */
  readonly name: string;
  readonly routes?: readonly RoutePlugin[];
  /** Socket commands the module answers (validated, guarded and acknowledged by the transport). */
  readonly commands?: readonly SocketCommand[];
  /** Started in module order after the pipeline runs, stopped together before the database closes. */
  readonly workers?: readonly ModuleWorker[];
  /** Every applied log entry, after the live picture applied it (so "changed" is judged against it). */
  onEntry?(entry: LogEntry): void;
  /** Every accepted position fix, after it was queued for the position log. */
  onFix?(unitId: string, fix: IncomingFix): void;
}
