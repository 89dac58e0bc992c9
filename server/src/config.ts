import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** Every knob the server reads from its environment, with defaults that give a working embedded system. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** Keys in Redis start with this, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: Type.String({ default: 'lf:' }),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  DEMO: Type.Boolean({ default: false }),
  ROAD_NETWORK: Type.Optional(Type.String()),
  LOG_LEVEL: Type.String({ default: 'info' }),
  /** A press joins an open incident of the same device only within this many seconds of that device's last press on it. */
  ALERT_DEDUPE_SECONDS: Type.Integer({ minimum: 0, default: 180 }),
  /** …and only within this many metres of the incident (or of that last press), of a compatible kind (JOINABLE_KINDS). */
  ALERT_JOIN_DISTANCE_M: Type.Integer({ minimum: 0, maximum: 10_000, default: 300 }),
  /** How often buffered positions are committed and published (ms); 250 ms = the 4 Hz screen budget. */
  POSITION_FLUSH_MS: Type.Integer({ minimum: 10, maximum: 5000, default: 250 }),
  /** Days of position history kept (UTC days of server time, today included); older day partitions are dropped hourly. */
  POSITION_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
  /** Log entries each instance keeps in memory for gap-free reconnects; older ones come from the database. */
  REPLAY_WINDOW: Type.Integer({ minimum: 100, default: 20000 }),
  SESSION_HOURS: Type.Integer({ minimum: 1, default: 12 }),
  /** How often each instance checks that its sockets' logins are still open (a login ended on another instance). */
  SESSION_SWEEP_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 2000 }),
  LOGIN_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** Login attempts per client address per minute, whatever the usernames (password spraying). */
  LOGIN_RATE_PER_ADDRESS_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  INGEST_RATE_PER_SECOND: Type.Integer({ minimum: 1, default: 20 }),
  /** Unknown tracker ids / device keys one address may present per second before its ingest requests get 429. */
  INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND: Type.Integer({ minimum: 1, default: 5 }),
  /**
   * Which proxies' X-Forwarded-For / -Proto / -Host to believe: unset or `false` = none (the client address is the
   * TCP peer); a hop count (`1` = the load balancer in front); addresses, CIDRs or `loopback`/`uniquelocal`, comma-separated; `true` = any
   * (only when nothing but the proxy can reach the server). Per-address limits and HSTS depend on it.
   */
  TRUST_PROXY: Type.String({ default: 'false', pattern: '^[\\w.:/]+(\\s*,\\s*[\\w.:/]+)*$' }),
  /**
   * Origins (scheme://host[:port], comma-separated) allowed besides the server's own Host to make cookie-authenticated
   * state-changing requests and to open a socket from a browser. Unset: same-origin only.
   */
  PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^\\s,/]+(\\s*,\\s*https?://[^\\s,/]+)*$' })),
  WEB_DIST: Type.Optional(Type.String()),
  /** When set, /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: Type.Optional(Type.String()),
  /** Escalations are also POSTed here as JSON (an SMS gateway, a chat bot). */
  NOTIFY_WEBHOOK_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** The district's time zone: key-area hours and shift times are local. */
  TIME_ZONE: Type.String({ default: 'Asia/Shanghai' }),
  // Routing (issue 3): ETAs, incident advice and the live coverage map.
  /** Blue-light speed-up for car and moto in every ETA and in the coverage map. */
  EMERGENCY_FACTOR: Type.Number({ minimum: 1, maximum: 3, default: 1.3 }),
  /** H3 resolution of the coverage map: 9 ≈ 0.1 km² cells; each step up is 7 × the cells. */
  COVERAGE_H3_RESOLUTION: Type.Integer({ minimum: 6, maximum: 11, default: 9 }),
  /** At most one coverage recompute per this many ms. */
  COVERAGE_INTERVAL_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  /** A coverage recompute waits this long after a unit status change (a dispatch of several units = one recompute). */
  COVERAGE_SETTLE_MS: Type.Integer({ minimum: 0, default: 2000 }),
  /** The incident-advice beat (ETAs move with positions, deadlines with time); status changes and new incidents also trigger it. */
  ADVICE_INTERVAL_MS: Type.Integer({ minimum: 100, default: 5000 }),
  /** A dispatched unit that has not acknowledged after this many seconds gets the next best unit offered. */
  ACK_TIMEOUT_SECONDS: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  /** Send that next best unit automatically instead of only offering it. */
  AUTO_REDISPATCH: Type.Boolean({ default: false }),
  /** A screen whose unsent output exceeds this many bytes is dropped and resumes from a snapshot (bounded buffers); above a snapshot's size. */
  SOCKET_MAX_PENDING_BYTES: Type.Integer({ minimum: 65_536, default: 16 * 1024 * 1024 }),
  /** Seconds after the start at which the dashboard's tables of the last 13 months are read once, so the first year-long view is fast; 0 = never. */
  ANALYTICS_PREWARM_SECONDS: Type.Integer({ minimum: 0, default: 60 }),
  /** Memory for the analytics' kept settled periods, per instance (the pre-warm takes about 95 MB for a million incidents a year). */
  ANALYTICS_CACHE_MB: Type.Integer({ minimum: 0, default: 256 }),
  /** A captain's "on scene" from farther than this (metres, from the tablet's shared position) needs an explicit confirmation. */
  ON_SCENE_RADIUS_M: Type.Integer({ minimum: 10, maximum: 5000, default: 150 }),
  /** Largest photo a tablet may attach to an incident, in bytes (the tablet resizes to well under it). Files go under DATA_DIR/photos. */
  PHOTO_MAX_BYTES: Type.Integer({ minimum: 10_000, maximum: 50 * 1024 * 1024, default: 5 * 1024 * 1024 }),
  DEMO_UNITS: Type.Integer({ minimum: 0, default: 48 }),
  DEMO_ALERT_EVERY_SECONDS: Type.Integer({ minimum: 0, default: 90 }),
  /** Demo only (issue 16): mean seconds between calls the demo's operator logs; 0 = none (panic-button alerts still come). */
  DEMO_CALL_EVERY_SECONDS: Type.Integer({ minimum: 0, default: 180 }),
  /** Demo only: no new demo call while this many cases are open. */
  DEMO_MAX_OPEN: Type.Integer({ minimum: 1, default: 6 }),
  /** Demo only: demo crews answer dispatches and the demo's operator works untouched cases; false = positions and alerts only. */
  DEMO_LOOP: Type.Boolean({ default: true }),
  /** Demo only: days of past incidents written on the first start (in the background); 0 = none. */
  DEMO_HISTORY_DAYS: Type.Integer({ minimum: 0, maximum: 400, default: 90 }),
  /** Demo only: incidents on an average day of that past. */
  DEMO_HISTORY_PER_DAY: Type.Integer({ minimum: 1, maximum: 2000, default: 35 }),
});
export type Config = Static<typeof ConfigSchema>;

/** Reads the environment; a bad value stops the start with the variable's name, never a silent default. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  const merged = { ...(converted as object), ...overrides };
  const errors = [...Value.Errors(ConfigSchema, merged)];
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new Error(`Invalid configuration ${first.path.slice(1)}: ${first.message}`);
  }
  return merged as Config;
}

/** TRUST_PROXY as Fastify's `trustProxy` takes it (a hop count as the function Fastify would make of it; its types omit numbers). */
export function trustProxyOf(config: Pick<Config, 'TRUST_PROXY'>): boolean | string[] | ((address: string, hop: number) => boolean) {
  const v = config.TRUST_PROXY.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}
