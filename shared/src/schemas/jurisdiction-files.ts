import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, IsoTimeSchema, Nullable } from './common.js';
import { CheckpointSchema, HhmmSchema } from './patrol-plan.js';
import { EmergencyPlanContentSchema } from './emergency-plan.js';
import { GeoCodeSchema, StandingCrewSchema } from './geo.js';
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
  standingCrews: 'standing-crews.json',
  keyareas: 'keyareas.geojson',
  units: 'units.csv',
  posts: 'posts.geojson',
  tours: 'tours.json',
  users: 'users.csv',
  devices: 'devices.csv',
  plans: 'plans.json',
} as const;
export type JurisdictionPart = keyof typeof JURISDICTION_FILES;
export const JURISDICTION_PARTS = Object.keys(JURISDICTION_FILES) as JurisdictionPart[];

const count = Type.Integer({ minimum: 0 });
export const JurisdictionManifestSchema = Type.Object({
  format: Type.Literal(JURISDICTION_FORMAT),
  version: Type.Integer({ minimum: 1 }),
  exportedAt: IsoTimeSchema,
  counts: Type.Object({
    teams: count,
    grids: count,
    stations: count,
    standingCrews: count,
    keyareas: count,
    units: count,
    posts: count,
    tours: count,
    users: count,
    devices: count,
    plans: count,
  }),
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

/**
 * One guard tour (巡更) of `tours.json` (a JSON array, by code): its unit by callsign and its
 * checkpoints in the order they are walked.
 */
export const TourFileRowSchema = Type.Object(
  {
    code: GeoCodeSchema,
    name: Type.String({ minLength: 1, maxLength: 80 }),
    unitCallsign: Type.String({ minLength: 1, maxLength: 40 }),
    fromHhmm: HhmmSchema,
    toHhmm: HhmmSchema,
    checkpoints: Type.Array(Type.Omit(CheckpointSchema, ['checkedInAt']), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type TourFileRow = Static<typeof TourFileRowSchema>;

/**
 * One station's standing crew of `standing-crews.json` (a JSON array, by station code): every
 * station in service, `standingCrew` null when it has none (so an import also clears one).
 */
export const StandingCrewFileRowSchema = Type.Object({ station: GeoCodeSchema, standingCrew: Nullable(StandingCrewSchema) }, { additionalProperties: false });
export type StandingCrewFileRow = Static<typeof StandingCrewFileRowSchema>;

/**
 * One emergency plan of `plans.json` (a JSON array, by id): its latest content and whether it is
 * retired. The version history stays on the server it was kept on; an import that changes a plan
 * saves a new version of it.
 */
export const PlanFileRowSchema = Type.Object(
  { id: IdSchema, ...EmergencyPlanContentSchema.properties, retired: Type.Boolean() },
  { additionalProperties: false },
);
export type PlanFileRow = Static<typeof PlanFileRowSchema>;
