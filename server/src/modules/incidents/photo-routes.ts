import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { IdSchema, IncidentPhotoSchema, IncidentSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../domain-errors.js';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import { PhotoFiles } from './photo-files.js';
import { PHOTO_CONTENT_TYPES, photoTypeOf } from './photo-kind.js';
import { PhotoService } from './photo-service.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { Config } from '../../config.js';

export interface PhotoRouteDeps {
  db: Database;
  bus: CommandBus;
  config: Pick<Config, 'DATA_DIR' | 'PHOTO_MAX_BYTES'>;
}

/**
 * Photos from the street: a captain's tablet posts the (already resized) image as the raw body,
 * `Content-Type: image/jpeg|png|webp`, at most PHOTO_MAX_BYTES (413 above it, 415 for any other
 * type, 422 when the bytes are not the image they claim to be). Served to logged-in users only.
 */
export const photoRoutes =
  (deps: PhotoRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = new PhotoService(deps.bus, deps.db, new PhotoFiles(join(deps.config.DATA_DIR, 'photos')));
    // This plugin's own parser: only these routes take image bodies, and only up to the limit.
    app.addContentTypeParser(PHOTO_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: deps.config.PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));

    app.post(
      '/api/incidents/:id/photos',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Attach a photo (raw image body, image/jpeg, image/png or image/webp)',
          params: Type.Object({ id: IdSchema }),
          response: { 201: Type.Object({ photo: IncidentPhotoSchema, incident: IncidentSchema }) },
        },
        onRequest: requireRole('admin', 'operator', 'captain'),
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError('invalid', 'body: send the image itself as the request body', 'body');
        const type = photoTypeOf(request.headers['content-type'], body);
        if (!type) throw new DomainError('unprocessable', 'body: the bytes are not a JPEG, PNG or WebP image as declared', 'body');
        const s = request.session!;
        return reply.status(201).send(await service.attach(request.params.id, body, type, { username: s.username, role: s.role, unitId: s.unitId }));
      },
    );

    app.get(
      '/api/photos/:id',
      {
        schema: { tags: ['incidents'], summary: 'A photo of an incident (logged-in users only)', params: Type.Object({ id: IdSchema }) },
        onRequest: requireRole(...ALL_STAFF),
      },
      async (request, reply) => {
        const { bytes, contentType } = await service.read(request.params.id);
        // Private: behind a login, so no shared cache may keep it; the id never changes its bytes.
        return reply.header('content-type', contentType).header('cache-control', 'private, max-age=86400, immutable').send(bytes);
      },
    );
  };
