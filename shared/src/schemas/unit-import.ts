import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, ModeSchema } from './common.js';
import { CallsignSchema, TrackerIdSchema } from './unit.js';

/**
 * The roster brought in from a spreadsheet or JSON (`POST /api/admin/import/units`): one row per
 * unit, keyed by callsign. A known callsign is updated (force, mode, team, tracker id, station), a new one
 * created; nothing is retired by leaving it out. Teams by name (or id), created beforehand.
 */
export const UnitImportRowSchema = Type.Object(
  {
    callsign: CallsignSchema,
    force: ForceSchema,
    mode: ModeSchema,
    /** the team's name (as the console shows it) or id; empty: the unit keeps its team (none for a new one) */
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** the phone tracker's id (Traccar Client's device identifier); empty: keep the unit's own */
    trackerId: Type.Optional(TrackerIdSchema),
    /** the code of the station the unit is based at (where it starts a shift); empty: keep the unit's own */
    station: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type UnitImportRow = Static<typeof UnitImportRowSchema>;

export const UnitImportBodySchema = Type.Object({ units: Type.Array(Type.Unknown(), { maxItems: 20_000 }) }, { additionalProperties: false });
export type UnitImportBody = Static<typeof UnitImportBodySchema>;

export const UNIT_CSV_COLUMNS = ['callsign', 'force', 'mode', 'team', 'trackerId', 'station'] as const;
export type UnitCsvColumn = (typeof UNIT_CSV_COLUMNS)[number];
export const UNIT_CSV_REQUIRED: readonly UnitCsvColumn[] = ['callsign', 'force', 'mode'];
export const UNIT_CSV_CHINESE_HEADERS: Readonly<Record<UnitCsvColumn, string>> = {
  callsign: '呼号',
  force: '力量类别',
  mode: '巡逻方式',
  team: '队伍',
  trackerId: '终端标识',
  station: '驻地站点',
};
