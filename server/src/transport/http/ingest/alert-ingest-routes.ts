import { AlertIngestAcceptedSchema, AlertIngestSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../../modules/domain-errors.js';
import { findDeviceByKey, hashDeviceKey, type DeviceRecord } from '../../../modules/devices/device-repository.js';
import type { DeviceKeyCache } from '../../../modules/devices/device-key-cache.js';
import { isDatabaseUnavailable } from '../../../db/db-unavailable.js';
import { UnknownCredentialGuard } from './unknown-credential-guard.js';
import type { Database } from '../../../db/database.js';
import type { AlertIntake } from '../../../modules/alerts/alert-intake.js';
import type { IntakeJournal } from '../../../modules/alerts/intake-journal.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { LivePicture } from '../../../modules/live-picture.js';
import type { Config } from '../../../config.js';

export interface AlertIngestDeps {
  db: Database;
  intake: AlertIntake;
  journal: IntakeJournal | null;
  metrics: Metrics;
  picture: LivePicture;
  /** Shared with the device routes: a re-keyed or revoked device is forgotten at once. */
  deviceKeys: DeviceKeyCache;
  config: Pick<Config, 'INGEST_RATE_PER_SECOND' | 'INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND'>;
}

export const alertIngestRoutes =
  (deps: AlertIngestDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const cache = deps.deviceKeys;
    const unknownKeys = new UnknownCredentialGuard({ what: 'device key', perAddressPerSecond: deps.config.INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND });
    const deviceOf = async (request: FastifyRequest): Promise<DeviceRecord> => {
      const header = request.headers.authorization;
      const key = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!key) throw unauthorized('device key required: Authorization: Bearer <key>');
      const hit = cache.get(key);
      if (hit) return hit;
      // An address guessing keys is refused before the database lookup each guess would cost.
      unknownKeys.checkAddress(request.ip);
      const generation = cache.begin();
      const device = await lookUp(key);
      if (!device) {
        unknownKeys.recordUnknown(request.ip, key, request.log);
        throw unauthorized('unknown or revoked device key');
      }
      cache.set(key, device, generation);
      return device;
    };

    // While PostgreSQL is away a key is checked against what was last known of it: this
    // instance's cache, then the journal's directory in Redis (any instance that saw it).
    const lookUp = async (key: string): Promise<DeviceRecord | null> => {
      try {
        const device = await findDeviceByKey(deps.db, key);
        if (device) deps.journal?.rememberDevice(hashDeviceKey(key), device);
        return device;
      } catch (err) {
        if (!deps.journal || !isDatabaseUnavailable(err)) throw err;
        const known = cache.known(key) ?? (await deps.journal.deviceByKeyHash(hashDeviceKey(key)));
        if (!known) throw err;
        return known;
      }
    };

    // The key is checked on request, before the body is parsed: no key, no hints about the input.
    const devices = new WeakMap<object, DeviceRecord>();
    app.post(
      '/ingest/alerts',
      {
        onRequest: async (request) => {
          devices.set(request, await deviceOf(request));
        },
        schema: {
          tags: ['ingest'],
          summary: 'An alert from a radio gateway or panic button (device key)',
          body: AlertIngestSchema,
          // Recorded, or (PostgreSQL away, Redis there) journalled: recorded later, in order, exactly once.
          response: { 202: AlertIngestAcceptedSchema },
        },
        config: { rateLimit: { max: deps.config.INGEST_RATE_PER_SECOND, timeWindow: 1000, keyGenerator: (r) => `alerts|${r.headers.authorization ?? r.ip}` } },
      },
      async (request, reply) => {
        const device = devices.get(request)!;
        const unit = device.unitId ? deps.picture.units.get(device.unitId) : undefined;
        const outcome = await deps.intake.press({
          ...request.body,
          source: 'gateway',
          deviceId: device.id,
          unitId: device.unitId,
          fixedPoint: device.lat !== null && device.lon !== null ? { lat: device.lat, lon: device.lon } : null,
          label: unit?.callsign ?? device.name,
          actor: `device:${device.id}`,
        });
        deps.metrics.alertsAccepted.inc({ source: 'gateway' });
        if ('journalled' in outcome) {
          const { journalId, alertId } = outcome.journalled;
          return reply.status(202).send({ journalled: true as const, journalId, alertId });
        }
        const { alert, incident, joined } = outcome.recorded;
        return reply.status(202).send({ alertId: alert.id, incidentId: incident.id, joined, pressCount: incident.alertCount });
      },
    );
  };
