import { strFromU8, unzipSync } from 'fflate';
import {
  DEVICE_CSV_CHINESE_HEADERS,
  DEVICE_CSV_COLUMNS,
  DEVICE_CSV_REQUIRED,
  JURISDICTION_FILES,
  JURISDICTION_FORMAT,
  TEAM_CSV_CHINESE_HEADERS,
  TEAM_CSV_COLUMNS,
  TEAM_CSV_REQUIRED,
  UNIT_CSV_CHINESE_HEADERS,
  UNIT_CSV_COLUMNS,
  UNIT_CSV_REQUIRED,
  USER_CSV_CHINESE_HEADERS,
  USER_CSV_COLUMNS,
  USER_CSV_REQUIRED,
  type JurisdictionImportReport,
  type JurisdictionPart,
} from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { CsvColumns } from '../csv-import-route.js';
import { rowsOfImportBody } from '../csv-import-route.js';
import { deviceImportStage } from '../devices/device-import.js';
import { DomainError, badRequest } from '../domain-errors.js';
import { planImportStage } from '../emergency-plans/plan-import.js';
import { gridImportStage, stationImportStage } from '../geography/geo-import-stages.js';
import { standingCrewImportStage } from '../geography/standing-crew-import.js';
import { geoJsonImportStage } from '../geography/geojson-import-route.js';
import { keyAreaImport } from '../key-areas/key-area-import-route.js';
import { postImport } from '../patrols/post-import-route.js';
import { tourImportStage } from '../patrols/tour-import.js';
import type { RowInFile } from '../import-row-check.js';
import { runImportStages, stageReport, type ImportStage } from '../import-stages.js';
import { decodeSpreadsheetText } from '../spreadsheet-files.js';
import { teamImportStage } from '../teams/team-import.js';
import { unitImportStage } from '../units/unit-import.js';
import type { SessionStore } from '../users-auth/session-store.js';
import { userImportStage } from '../users-auth/user-import.js';

type GeoPart = 'grids' | 'stations' | 'keyareas' | 'posts';
type JsonPart = 'standingCrews' | 'tours' | 'plans';

const SHEETS: Record<'teams' | 'units' | 'users' | 'devices', CsvColumns<string>> = {
  teams: { columns: TEAM_CSV_COLUMNS, chinese: TEAM_CSV_CHINESE_HEADERS, required: TEAM_CSV_REQUIRED },
  units: { columns: UNIT_CSV_COLUMNS, chinese: UNIT_CSV_CHINESE_HEADERS, required: UNIT_CSV_REQUIRED },
  users: { columns: USER_CSV_COLUMNS, chinese: USER_CSV_CHINESE_HEADERS, required: USER_CSV_REQUIRED },
  devices: { columns: DEVICE_CSV_COLUMNS, chinese: DEVICE_CSV_CHINESE_HEADERS, required: DEVICE_CSV_REQUIRED },
};

const KNOWN_FILES: ReadonlySet<string> = new Set(['manifest.json', ...Object.values(JURISDICTION_FILES)]);
/** Per file, unpacked: a city's grids are tens of MB; more is a zip bomb, not a jurisdiction. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The zip's entries by name (only the files of the set); a file that is not a zip is the caller's fault (400 naming `file`). */
function entriesOf(zip: Uint8Array): Record<string, Uint8Array> {
  let tooBig: string | null = null;
  try {
    const entries = unzipSync(zip, {
      filter: (f) => {
        if (!KNOWN_FILES.has(f.name)) return false;
        if (f.originalSize > MAX_FILE_BYTES) tooBig = f.name;
        return tooBig === null;
      },
    });
    if (tooBig) throw badRequest(tooBig, `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB unpacked`);
    return entries;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw badRequest('file', `is not a zip file (${error instanceof Error ? error.message : String(error)})`);
  }
}

function checkManifest(entries: Record<string, Uint8Array>): void {
  const bytes = entries['manifest.json'];
  if (!bytes) throw badRequest('manifest.json', 'is missing: this is not a Lianfang jurisdiction export');
  let manifest: unknown;
  try {
    manifest = JSON.parse(strFromU8(bytes));
  } catch {
    throw badRequest('manifest.json', 'is not JSON');
  }
  if ((manifest as { format?: unknown } | null)?.format !== JURISDICTION_FORMAT) throw badRequest('manifest.json', `format: must be ${JURISDICTION_FORMAT}`);
}

/** One CSV part as a stage; a header row with no data rows (a district without devices) imports nothing. */
function sheetStage(part: keyof typeof SHEETS, bytes: Uint8Array, dryRun: boolean, stageOf: (items: readonly RowInFile[]) => ImportStage): ImportStage | null {
  const file = JURISDICTION_FILES[part];
  if (decodeSpreadsheetText(bytes).text.trim().split(/\r?\n/).length < 2) return null;
  try {
    const { items, refused } = rowsOfImportBody(Buffer.from(bytes), part, SHEETS[part], part, dryRun);
    if (refused) return async () => ({ kind: part, rows: refused.rows, events: [], secrets: [] });
    return stageOf(items);
  } catch (error) {
    // the spreadsheet reader names `file`: here the file has a name
    if (error instanceof DomainError) throw badRequest(file, error.message.replace(/^file: /, ''));
    throw error;
  }
}

function featuresOf(part: GeoPart, bytes: Uint8Array): unknown[] {
  const file = JURISDICTION_FILES[part];
  let doc: unknown;
  try {
    doc = JSON.parse(strFromU8(bytes));
  } catch {
    throw badRequest(file, 'is not JSON');
  }
  const features = (doc as { type?: unknown; features?: unknown } | null)?.features;
  if ((doc as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features))
    throw badRequest(file, 'is not a GeoJSON FeatureCollection');
  return features;
}

/** A JSON part: an array of records (a file that is something else is a 400 naming it). */
function itemsOf(part: JsonPart, bytes: Uint8Array): unknown[] {
  const file = JURISDICTION_FILES[part];
  let doc: unknown;
  try {
    doc = JSON.parse(strFromU8(bytes));
  } catch {
    throw badRequest(file, 'is not JSON');
  }
  if (!Array.isArray(doc)) throw badRequest(file, 'is not a JSON array');
  return doc;
}

/**
 * The zip of GET /api/admin/export/jurisdiction (or one made by hand with the same files; any may
 * be left out) imported in dependency order — teams, grids, stations, standing crews, key areas, units, fixed posts, guard
 * tours, users, devices, emergency plans — in ONE
 * transaction: all of it, or with any row refused (or a dry run) none of it. Each file's report is
 * that of its own import; users and devices created get their password or key in it, once.
 */
export async function importJurisdiction(
  bus: CommandBus,
  sessions: Pick<SessionStore, 'endAllOf' | 'announce'>,
  zip: Uint8Array,
  options: { dryRun: boolean; actor: string },
): Promise<JurisdictionImportReport> {
  const entries = entriesOf(zip);
  checkManifest(entries);
  const { dryRun } = options;
  const bytesOf = (part: JurisdictionPart) => entries[JURISDICTION_FILES[part]];
  const stages: (ImportStage | null)[] = [];
  const sheet = (part: keyof typeof SHEETS, stageOf: (items: readonly RowInFile[]) => ImportStage) => {
    const bytes = bytesOf(part);
    stages.push(bytes ? sheetStage(part, bytes, dryRun, stageOf) : null);
  };
  const geo = (part: GeoPart, stageOf: (features: readonly unknown[]) => ImportStage) => {
    const bytes = bytesOf(part);
    const features = bytes ? featuresOf(part, bytes) : [];
    stages.push(features.length > 0 ? stageOf(features) : null);
  };
  const json = (part: JsonPart, stageOf: (items: readonly unknown[]) => ImportStage) => {
    const bytes = bytesOf(part);
    const items = bytes ? itemsOf(part, bytes) : [];
    stages.push(items.length > 0 ? stageOf(items) : null);
  };
  sheet('teams', teamImportStage);
  geo('grids', gridImportStage);
  geo('stations', stationImportStage);
  json('standingCrews', standingCrewImportStage);
  geo('keyareas', geoJsonImportStage(keyAreaImport));
  sheet('units', unitImportStage);
  geo('posts', geoJsonImportStage(postImport));
  json('tours', tourImportStage);
  sheet('users', (items) => userImportStage(items, sessions));
  sheet('devices', deviceImportStage);
  json('plans', planImportStage);
  const { outcomes, applied } = await runImportStages(
    bus,
    stages.filter((s): s is ImportStage => s !== null),
    options,
  );
  return { kind: 'jurisdiction', dryRun, applied, reports: outcomes.map((o) => stageReport(o, dryRun, applied)) };
}
