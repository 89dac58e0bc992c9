import { strToU8, zipSync } from 'fflate';
import {
  DEVICE_CSV_COLUMNS,
  JURISDICTION_FILES,
  JURISDICTION_FORMAT,
  JURISDICTION_FORMAT_VERSION,
  TEAM_CSV_COLUMNS,
  UNIT_CSV_COLUMNS,
  USER_CSV_COLUMNS,
  toCsv,
  geographyLayerOf,
  type GeographyExport,
  type GeographyLayer,
  type JurisdictionManifest,
} from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { exportGeography } from '../geography/geo-export.js';
import { planRowsOf, standingCrewRowsOf, tourRowsOf } from './jurisdiction-json-parts.js';

type Cells<C extends string> = Record<C, string | number | boolean | null>;

/** A JSON array, one record a line: readable, and a diff of two exports shows which records differ. */
const jsonLines = (rows: readonly object[]): string => (rows.length === 0 ? '[]\n' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);

/**
 * The jurisdiction in service as the files its imports read: teams, grids, stations and their standing crews, key areas,
 * units, fixed posts, guard tours, users (no password), alert devices (no key) and emergency plans, each sorted by its key (byte order, whatever the
 * database's collation) so two servers in the same state write the same files, and references by name (team name, unit callsign, parent code) never by id.
 * A tracker id is in units.csv: phones keep theirs when the district moves to a new server.
 */
export async function jurisdictionFiles(q: Queryable, exportedAt: Date): Promise<Record<string, string>> {
  const [teams, units, users, devices, geography, standingCrews, tours, plans] = await Promise.all([
    q.query<Cells<(typeof TEAM_CSV_COLUMNS)[number]>>('SELECT name, force FROM teams WHERE retired_at IS NULL ORDER BY name COLLATE "C", id'),
    q.query<Cells<(typeof UNIT_CSV_COLUMNS)[number]>>(
      `SELECT u.callsign, u.force, u.mode, t.name AS team, u.tracker_id AS "trackerId", s.code AS station
         FROM units u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN stations s ON s.id = u.station_id
        WHERE u.retired_at IS NULL ORDER BY u.callsign COLLATE "C"`,
    ),
    q.query<Cells<(typeof USER_CSV_COLUMNS)[number]>>(
      `SELECT s.username, s.display_name AS "displayName", s.role, t.name AS team, u.callsign AS unit, s.disabled
         FROM users s LEFT JOIN teams t ON t.id = s.team_id LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.username COLLATE "C"`,
    ),
    q.query<Cells<(typeof DEVICE_CSV_COLUMNS)[number]>>(
      `SELECT d.name, d.kind, u.callsign AS unit, d.lat, d.lon
         FROM devices d LEFT JOIN units u ON u.id = d.unit_id WHERE d.revoked_at IS NULL ORDER BY d.name COLLATE "C", d.created_at`,
    ),
    exportGeography(q),
    standingCrewRowsOf(q),
    tourRowsOf(q),
    planRowsOf(q),
  ]);
  const layer = (name: GeographyLayer): GeographyExport => ({
    type: 'FeatureCollection',
    features: geography.features.filter((f) => geographyLayerOf(f) === name),
  });
  const [grids, stations, keyareas, posts] = [layer('grids'), layer('stations'), layer('keyareas'), layer('posts')];
  const manifest: JurisdictionManifest = {
    format: JURISDICTION_FORMAT,
    version: JURISDICTION_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    counts: {
      teams: teams.length,
      grids: grids.features.length,
      stations: stations.features.length,
      standingCrews: standingCrews.length,
      keyareas: keyareas.features.length,
      units: units.length,
      posts: posts.features.length,
      tours: tours.length,
      users: users.length,
      devices: devices.length,
      plans: plans.length,
    },
  };
  return {
    'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    [JURISDICTION_FILES.teams]: toCsv(TEAM_CSV_COLUMNS, teams),
    [JURISDICTION_FILES.grids]: `${JSON.stringify(grids)}\n`,
    [JURISDICTION_FILES.stations]: `${JSON.stringify(stations)}\n`,
    [JURISDICTION_FILES.standingCrews]: jsonLines(standingCrews),
    [JURISDICTION_FILES.keyareas]: `${JSON.stringify(keyareas)}\n`,
    [JURISDICTION_FILES.units]: toCsv(UNIT_CSV_COLUMNS, units),
    [JURISDICTION_FILES.posts]: `${JSON.stringify(posts)}\n`,
    [JURISDICTION_FILES.tours]: jsonLines(tours),
    [JURISDICTION_FILES.users]: toCsv(USER_CSV_COLUMNS, users),
    [JURISDICTION_FILES.devices]: toCsv(DEVICE_CSV_COLUMNS, devices),
    [JURISDICTION_FILES.plans]: jsonLines(plans),
  };
}

/** The files as one zip (fflate, deflate), every entry stamped with the export's time. */
export async function exportJurisdictionZip(q: Queryable, exportedAt = new Date()): Promise<Uint8Array> {
  const files = await jurisdictionFiles(q, exportedAt);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime: exportedAt }]])), { level: 6 });
}
