import { Type } from '@sinclair/typebox';
import { CreateDeviceReplySchema, CreateDeviceSchema, DeviceSchema, LatSchema, LonSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unprocessable } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { createDevice, listDevices } from './device-repository.js';
import type { Database } from '../../db/database.js';
import type { LivePicture } from '../live-picture.js';

export interface DeviceRouteDeps {
  db: Database;
  picture: LivePicture;
}

// A panic button fixed in a shop has no GPS: its location is given here once.
const CreateDeviceBody = Type.Composite([CreateDeviceSchema, Type.Object({ lat: Type.Optional(LatSchema), lon: Type.Optional(LonSchema) })], {
  additionalProperties: false,
});

export const deviceRoutes =
  (deps: DeviceRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/devices',
      {
        schema: { tags: ['devices'], summary: 'Devices (keys are never shown again)', response: { 200: Type.Array(DeviceSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => (await listDevices(deps.db)).map(({ lat: _lat, lon: _lon, ...d }) => d),
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
        const { device, key } = await deps.db.tx(async (q) => {
          const created = await createDevice(q, body);
          await recordAudit(q, userActor(request.session), 'device.create', created.device.id, { name: body.name, kind: body.kind });
          return created;
        });
        return reply.status(201).send({ id: device.id, key });
      },
    );
  };
