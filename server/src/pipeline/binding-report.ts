import type { BindingEvents } from './open-redis-event-log.js';

/** The two figures an operator watches (observability/metrics.ts), as far as this file needs them. */
export interface BindingMetrics {
  eventLogRenames: { inc(): void };
  eventLogUnbound: { set(value: number): void };
}

/** Where the core reports what an operator must know (the app's logger; silent when not given: benches). */
export interface OpsLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
export const SILENT: OpsLog = { info() {}, warn() {}, error() {} };

/**
 * Issue 15: the log lines and metrics of binding the Redis stream to this
 * database (docs/operations.md, "Restoring the database behind a running
 * Redis"). `unbound` halts this instance's sequencer: it must not apply another
 * history's entries to its picture.
 */
export function bindingEvents(ops: OpsLog, metrics: BindingMetrics, unbound: (reason: string) => void): BindingEvents {
  return {
    bound: (identity, previous) =>
      ops.info(
        { identity, previous },
        previous && previous !== identity
          ? 'event log: bound to a new log identity; the stream of the previous one is retired'
          : 'event log: bound to this database',
      ),
    renamed: (r) => {
      metrics.eventLogRenames.inc();
      ops.warn(r, 'event log: the database is behind its Redis stream (restored from a backup?): new log identity, new stream, republished from the outbox');
    },
    lost: (_identity, reason) => unbound(reason),
  };
}

/** Reported once: the database under this running instance is not the one its picture came from. */
export function unboundReporter(ops: OpsLog, metrics: BindingMetrics, identity: () => string | null, halt: () => void): (reason: string) => void {
  let told = false;
  return (reason) => {
    halt();
    if (told) return;
    told = true;
    metrics.eventLogUnbound.set(1);
    ops.error(
      { identity: identity(), reason },
      'event log: the database under this instance is not the one it started on (replaced or restored); it applies nothing more until it is restarted',
    );
  };
}
