import { GeoImportBodySchema, ImportReportSchema, type DomainEvent, type ImportReport, type ImportRow } from '@lianfang/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database, Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ImportStage } from '../import-stages.js';
import { requireRole } from '../users-auth/require-role.js';
import { geoReportOf } from './import-report-of.js';

/** A city's layers with detailed borders: thousands of polygons of hundreds of points. */
export const GEOJSON_BODY_LIMIT = 32 * 1024 * 1024;

/** Files saved from GIS tools say what they are (`application/geo+json`); once per plugin (Fastify encapsulates parsers). */
export function addGeoJsonParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: GEOJSON_BODY_LIMIT }, app.getDefaultJsonParser('error', 'error'));
}

const dryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
  { additionalProperties: false },
);

/** One kind of GeoJSON import: how to plan it (rows and changes) and how to write one change. */
export interface GeoJsonImport<C, R> {
  kind: 'keyareas' | 'posts';
  /** the summary's words: what is imported, its geometry and properties */
  what: string;
  /** the audit action's prefix (`key_area` → `key_area.create`) */
  auditAs: string;
  plan(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: C[] }>;
  write(q: Queryable, change: C): Promise<{ record: R; action: 'create' | 'update'; audit: object }>;
  events(written: R[]): DomainEvent[];
}

/** Writes the planned changes in order, each audited as imported; the records written. */
async function writeChanges<C, R extends { id: string }>(q: Queryable, spec: GeoJsonImport<C, R>, changes: readonly C[], actor: string): Promise<R[]> {
  const written: R[] = [];
  for (const change of changes) {
    const { record, action, audit } = await spec.write(q, change);
    written.push(record);
    await recordAudit(q, actor, `${spec.auditAs}.${action}`, record.id, { ...audit, import: true });
  }
  return written;
}

/** The same import as one stage of a larger one (the jurisdiction file set). */
export const geoJsonImportStage =
  <C, R extends { id: string }>(spec: GeoJsonImport<C, R>) =>
  (features: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const { rows, changes } = await spec.plan(q, features);
    return { kind: spec.kind, rows, events: spec.events(await writeChanges(q, spec, changes, actor)), secrets: [] };
  };

/**
 * `POST /api/admin/import/<kind>`, as the grids' import: a FeatureCollection keyed by `code`, all
 * or nothing in one transaction, answered with the row-by-row ImportReport. A dry run plans only;
 * otherwise the plan is made again inside the command so it sees the rows as they are when written.
 */
export const geoJsonImportRoute =
  <C, R extends { id: string }>(deps: { db: Database; bus: CommandBus }, spec: GeoJsonImport<C, R>): FastifyPluginAsyncTypebox =>
  async (app) => {
    addGeoJsonParser(app);
    app.post(
      `/api/admin/import/${spec.kind}`,
      {
        bodyLimit: GEOJSON_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: `Import ${spec.what} from a GeoJSON FeatureCollection by code (dry run with dryRun=true); all or nothing`,
          querystring: dryRunQuery,
          body: GeoImportBodySchema,
          response: { 200: ImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request): Promise<ImportReport> => {
        const actor = `user:${request.session!.username}`;
        const { features } = request.body;
        if (request.query.dryRun === true) return geoReportOf(spec.kind, (await spec.plan(deps.db, features)).rows, true, false);
        const { result } = await deps.bus.run(async (q) => {
          const { rows, changes } = await spec.plan(q, features);
          if (rows.some((r) => r.action === 'reject') || changes.length === 0) return { result: geoReportOf(spec.kind, rows, false, false), events: [] };
          const written = await writeChanges(q, spec, changes, actor);
          return { result: geoReportOf(spec.kind, rows, false, true), events: spec.events(written) };
        });
        return result;
      },
    );
  };
