/**
 * How big a snapshot is per unit (with a position) and per open incident: SOCKET_MAX_PENDING_BYTES must stay
 * well above a whole snapshot, or a screen on a slow link could be dropped before it ever finished one.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/security/snapshot-size.ts [--units=2000] [--incidents=200]
 */
import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/compose.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import { cliOptions, round } from '../core/lib/stats.js';

const o = cliOptions();
const UNITS = Number(o.units ?? 2000);
const INCIDENTS = Number(o.incidents ?? 200);
const db = await createPgliteDatabase();
await migrate(db);
await db.query(
  `INSERT INTO units (id, callsign, force, mode, tracker_id) SELECT 'u' || g, 'U' || g, 'police', 'car', 't' || g FROM generate_series(1, ${UNITS}) g`,
);
const core = await createCore(loadConfig({}, { DATA_DIR: tmpdir(), LOG_LEVEL: 'silent', ANALYTICS_PREWARM_SECONDS: 0 }), db, () => {});
const size = () => Buffer.byteLength(JSON.stringify(core.picture.snapshot()));
const now = Date.now();
for (let i = 1; i <= UNITS; i++) {
  core.positions.accept({
    unitId: `u${i}`,
    lat: 31.2 + i * 1e-4,
    lon: 121.4,
    deviceTimeMs: now,
    speedKmh: 32.4,
    heading: 271,
    accuracyM: 6,
    altitudeM: null,
    battery: 78,
  });
}
await core.settle();
const withUnits = size();
for (let i = 0; i < INCIDENTS; i++) {
  await core.alerts.raise({
    kind: 'panic',
    source: 'operator',
    deviceId: null,
    unitId: null,
    fixedPoint: null,
    lat: 31.2 + i * 1e-3,
    lon: 121.41,
    label: `bench ${i}`,
    actor: 'bench',
  });
}
await core.settle();
const withIncidents = size();
const perUnit = (withUnits - 0) / UNITS;
const perIncident = (withIncidents - withUnits) / INCIDENTS;
console.log(
  JSON.stringify({
    bench: 'snapshot-size',
    units: UNITS,
    incidents: INCIDENTS,
    bytes: withIncidents,
    perUnitBytes: round(perUnit, 0),
    perOpenIncidentBytes: round(perIncident, 0),
    estimate10kUnits500IncidentsMB: round((perUnit * 10_000 + perIncident * 500) / 1024 / 1024, 2),
  }),
);
await core.close();
