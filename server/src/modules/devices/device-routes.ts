import { Type } from '@sinclair/typebox';
import {
  AdminDeviceSchema,
  CreateDeviceReplySchema,
  CreateDeviceSchema,
  DeviceKeyReplySchema,
  DeviceSchema,
  IdSchema,
  LatSchema,
  LonSchema,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound, unprocessable } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { createDevice, findActiveDevice, listDevices, revokeDevice, rotateDeviceKey, type DeviceRecord } from './device-repository.js';
import type { DeviceKeyCache } from './device-key-cache.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';

export interface DeviceRouteDeps {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  keys: DeviceKeyCache;
  /** The intake journal's device directory in Redis (used while PostgreSQL is away): a dead key leaves it too. */
  journal: { forgetDevice(keyHash: string): Promise<unknown> } | null;
}

// A panic button fixed in a shop has no GPS: its location is given here once.
const CreateDeviceBody = Type.Composite([CreateDeviceSchema, Type.Object({ lat: Type.Optional(LatSchema), lon: Type.Optional(LonSchema) })], {
  additionalProperties: false,
});

const asDevice = ({ lat: _lat, lon: _lon, ...d }: DeviceRecord) => d;
const changed = (device: DeviceRecord, revoked: boolean) => [{ type: 'device.updated' as const, device: asDevice(device), revoked }];

export const deviceRoutes =
  (deps: DeviceRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });

    app.get(
      '/api/devices',
      {
        schema: { tags: ['devices'], summary: 'Devices (keys are never shown again)', response: { 200: Type.Array(DeviceSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => (await listDevices(deps.db)).map(asDevice),
    );

    app.get(
      '/api/admin/devices',
      {
        schema: { tags: ['devices'], summary: 'Devices in service with their fixed positions (the console)', response: { 200: Type.Array(AdminDeviceSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => listDevices(deps.db),
    );

    app.post(
      '/api/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'Register a tracker or alert gateway; the key is returned once',
          body: CreateDeviceBody,
          response: { 201: CreateDeviceReplySchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request, reply) => {
        const body = request.body;
        if ((body.lat === undefined) !== (body.lon === undefined)) throw unprocessable(body.lat === undefined ? 'lat' : 'lon', 'lat and lon go together');
        if (body.unitId && !deps.picture.units.has(body.unitId)) throw unprocessable('unitId', 'no such unit');
        const { result } = await deps.bus.run(async (q) => {
          const created = await createDevice(q, body);
          await recordAudit(q, userActor(request.session), 'device.create', created.device.id, { name: body.name, kind: body.kind });
          return { result: created, events: changed(created.device, false) };
        });
        return reply.status(201).send({ id: result.device.id, key: result.key });
      },
    );

    app.post(
      '/api/devices/:id/key',
      {
        schema: {
          tags: ['devices'],
          summary: 'A new key for a device, returned once; the old key is refused from this moment',
          params,
          response: { 200: DeviceKeyReplySchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveDevice(q, id);
          const key = current && (await rotateDeviceKey(q, id));
          if (!current || !key) throw notFound('device');
          await recordAudit(q, userActor(request.session), 'device.rotate_key', id, { name: current.device.name });
          return { result: { key, oldHash: current.keyHash }, events: changed(current.device, false) };
        });
        await forget(deps, id, result.oldHash);
        return { id, key: result.key };
      },
    );

    app.delete(
      '/api/devices/:id',
      {
        schema: {
          tags: ['devices'],
          summary: 'Revoke a device: its key is refused from this moment (401 at /ingest/alerts); its past alerts stay',
          params,
          response: { 200: AdminDeviceSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveDevice(q, id);
          const device = current && (await revokeDevice(q, id));
          if (!current || !device) throw notFound('device');
          await recordAudit(q, userActor(request.session), 'device.revoke', id, { name: device.name });
          return { result: { device, oldHash: current.keyHash }, events: changed(device, true) };
        });
        await forget(deps, id, result.oldHash);
        return result.device;
      },
    );
  };

/** After the commit: this instance forgets at once (others on the event), and so does the journal's directory. */
async function forget(deps: DeviceRouteDeps, deviceId: string, oldHash: string): Promise<void> {
  deps.keys.forgetDevice(deviceId);
  await deps.journal?.forgetDevice(oldHash);
}
