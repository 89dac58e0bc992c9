import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance, so tests that run two servers in one process do not share counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly positionsAccepted = new Counter({ name: 'lianfang_positions_accepted_total', help: 'Position fixes accepted', registers: [this.registry] });
  readonly positionsRejected = new Counter({
    name: 'lianfang_positions_rejected_total',
    help: 'Position fixes dropped by hygiene checks',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly ingestRejected = new Counter({
    name: 'lianfang_ingest_rejected_total',
    help: 'Ingest requests refused',
    labelNames: ['route', 'reason'] as const,
    registers: [this.registry],
  });
  readonly alertsAccepted = new Counter({
    name: 'lianfang_alerts_accepted_total',
    help: 'Alerts committed and acknowledged',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'lianfang_event_lag_seconds',
    help: 'From commit to this instance applying the event',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly connectedClients = new Gauge({
    name: 'lianfang_connected_clients',
    help: 'Socket.IO clients connected to this instance',
    registers: [this.registry],
  });
  readonly seq = new Gauge({ name: 'lianfang_applied_seq', help: 'Last event seq applied by this instance', registers: [this.registry] });
  readonly slowConsumerDrops = new Counter({
    name: 'lianfang_slow_consumer_drops_total',
    help: 'Sockets dropped because their unsent output passed SOCKET_MAX_PENDING_BYTES',
    registers: [this.registry],
  });
  readonly eventLogRenames = new Counter({
    name: 'lianfang_event_log_renames_total',
    help: 'Starts that found the database behind its Redis stream (a restored backup) and gave its history a new log identity',
    registers: [this.registry],
  });
  readonly eventLogUnbound = new Gauge({
    name: 'lianfang_event_log_unbound',
    help: "1 when the Redis stream no longer mirrors this instance's database (replaced or restored under it): restart the instance",
    registers: [this.registry],
  });
  readonly replays = new Counter({
    name: 'lianfang_resume_total',
    help: 'Client resumes by outcome',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
