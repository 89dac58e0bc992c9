import { AlertIngestReplySchema, AlertIngestSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../../modules/domain-errors.js';
import { findDeviceByKey, type DeviceRecord } from '../../../modules/devices/device-repository.js';
import { UnknownCredentialGuard } from './unknown-credential-guard.js';
import type { Database } from '../../../db/database.js';
import type { AlertService } from '../../../modules/alerts/alert-service.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { LivePicture } from '../../../modules/live-picture.js';
import type { Config } from '../../../config.js';

export interface AlertIngestDeps {
  db: Database;
  alerts: AlertService;
  metrics: Metrics;
  picture: LivePicture;
  config: Pick<Config, 'INGEST_RATE_PER_SECOND' | 'INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND'>;
}

const CACHE_MS = 30_000;

export const alertIngestRoutes =
  (deps: AlertIngestDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Key → device for a short while: a panic storm must not turn into a database storm.
    const cache = new Map<string, { device: DeviceRecord; until: number }>();
    const unknownKeys = new UnknownCredentialGuard({ what: 'device key', perAddressPerSecond: deps.config.INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND });
    const deviceOf = async (request: FastifyRequest): Promise<DeviceRecord> => {
      const header = request.headers.authorization;
      const key = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!key) throw unauthorized('device key required: Authorization: Bearer <key>');
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.device;
      // An address guessing keys is refused before the database lookup each guess would cost.
      unknownKeys.checkAddress(request.ip);
      const device = await findDeviceByKey(deps.db, key);
      if (!device) {
        unknownKeys.recordUnknown(request.ip, key, request.log);
        throw unauthorized('unknown or revoked device key');
      }
      cache.set(key, { device, until: Date.now() + CACHE_MS });
      return device;
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
          response: { 202: AlertIngestReplySchema },
        },
        config: { rateLimit: { max: deps.config.INGEST_RATE_PER_SECOND, timeWindow: 1000, keyGenerator: (r) => `alerts|${r.headers.authorization ?? r.ip}` } },
      },
      async (request, reply) => {
        const device = devices.get(request)!;
        const unit = device.unitId ? deps.picture.units.get(device.unitId) : undefined;
        const { alert, incident, joined } = await deps.alerts.raise({
          ...request.body,
          source: 'gateway',
          deviceId: device.id,
          unitId: device.unitId,
          fixedPoint: device.lat !== null && device.lon !== null ? { lat: device.lat, lon: device.lon } : null,
          label: unit?.callsign ?? device.name,
          actor: `device:${device.id}`,
        });
        deps.metrics.alertsAccepted.inc({ source: 'gateway' });
        return reply.status(202).send({ alertId: alert.id, incidentId: incident.id, joined, pressCount: incident.alertCount });
      },
    );
  };
