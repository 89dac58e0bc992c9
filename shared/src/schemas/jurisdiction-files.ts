import { Type, type Static } from '@sinclair/typebox';
import { IsoTimeSchema } from './common.js';
import { ImportReportSchema } from './import-report.js';

/**
 * The whole jurisdiction as one zip (`GET /api/admin/export/jurisdiction`), re-imported by
 * `POST /api/admin/import/jurisdiction` to the same state: each file is what its own import reads.
 * No password and no device key is ever in it: users and devices created by the import get new
 * ones, shown once in its report.
 */
export const JURISDICTION_FORMAT = 'lianfang-jurisdiction';
export const JURISDICTION_FORMAT_VERSION = 1;

/** The files in import order (each kind's records may name those of the kinds before it). */
export const JURISDICTION_FILES = {
  teams: 'teams.csv',
  grids: 'grids.geojson',
  stations: 'stations.geojson',
  keyareas: 'keyareas.geojson',
  units: 'units.csv',
  posts: 'posts.geojson',
  users: 'users.csv',
  devices: 'devices.csv',
} as const;
export type JurisdictionPart = keyof typeof JURISDICTION_FILES;
export const JURISDICTION_PARTS = Object.keys(JURISDICTION_FILES) as JurisdictionPart[];

const count = Type.Integer({ minimum: 0 });
export const JurisdictionManifestSchema = Type.Object({
  format: Type.Literal(JURISDICTION_FORMAT),
  version: Type.Integer({ minimum: 1 }),
  exportedAt: IsoTimeSchema,
  counts: Type.Object({ teams: count, grids: count, stations: count, keyareas: count, units: count, posts: count, users: count, devices: count }),
});
export type JurisdictionManifest = Static<typeof JurisdictionManifestSchema>;

/** One report per file, in import order; `applied` only when every file's rows were written together. */
export const JurisdictionImportReportSchema = Type.Object({
  kind: Type.Literal('jurisdiction'),
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  reports: Type.Array(ImportReportSchema),
});
export type JurisdictionImportReport = Static<typeof JurisdictionImportReportSchema>;
