import { Type, type Static } from '@sinclair/typebox';
import { ForceSchema, LatSchema, LonSchema, RoleSchema, stringEnum } from './common.js';
import { DEVICE_KINDS, UsernameSchema } from './auth.js';
import { TeamSchema } from './geo.js';
import { CallsignSchema } from './unit.js';

/**
 * People and devices brought in from a spreadsheet or JSON (issue 19): users
 * (`POST /api/admin/import/users`, keyed by username), alert devices (`…/devices`, keyed by name)
 * and teams (inside the jurisdiction file set, keyed by name). As with the roster, a known key is
 * updated, a new one created, an empty cell keeps what the record has, and nothing is removed by
 * leaving it out. Cells arrive as text from a CSV: `disabled`, `lat` and `lon` are read by the server.
 */
const TeamRefSchema = Type.String({ minLength: 1, maxLength: 100, description: "the team's name (as the console shows it) or id" });

export const UserImportRowSchema = Type.Object(
  {
    username: UsernameSchema,
    /** the name people know the user by (张伟); empty keeps what the user has */
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: RoleSchema,
    team: Type.Optional(TeamRefSchema),
    /** the unit (callsign) a captain leads */
    unit: Type.Optional(CallsignSchema),
    /** true: the user may not log in (their logins end); empty keeps it (false for a new user) */
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserImportRow = Static<typeof UserImportRowSchema>;

export const DeviceImportRowSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    kind: stringEnum(DEVICE_KINDS),
    /** the unit (callsign) the device goes with */
    unit: Type.Optional(CallsignSchema),
    /** where a fixed device (a shop's panic button) stands */
    lat: Type.Optional(LatSchema),
    lon: Type.Optional(LonSchema),
  },
  { additionalProperties: false },
);
export type DeviceImportRow = Static<typeof DeviceImportRowSchema>;

export const TeamImportRowSchema = Type.Object({ name: TeamSchema.properties.name, force: ForceSchema }, { additionalProperties: false });
export type TeamImportRow = Static<typeof TeamImportRowSchema>;

export const UserImportBodySchema = Type.Object({ users: Type.Array(Type.Unknown(), { maxItems: 20_000 }) }, { additionalProperties: false });
export const DeviceImportBodySchema = Type.Object({ devices: Type.Array(Type.Unknown(), { maxItems: 20_000 }) }, { additionalProperties: false });
export type UserImportBody = Static<typeof UserImportBodySchema>;
export type DeviceImportBody = Static<typeof DeviceImportBodySchema>;

export const USER_CSV_COLUMNS = ['username', 'displayName', 'role', 'team', 'unit', 'disabled'] as const;
export type UserCsvColumn = (typeof USER_CSV_COLUMNS)[number];
export const USER_CSV_REQUIRED: readonly UserCsvColumn[] = ['username', 'role'];
export const USER_CSV_CHINESE_HEADERS: Readonly<Record<UserCsvColumn, string>> = {
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  team: '队伍',
  unit: '力量呼号',
  disabled: '停用',
};

export const DEVICE_CSV_COLUMNS = ['name', 'kind', 'unit', 'lat', 'lon'] as const;
export type DeviceCsvColumn = (typeof DEVICE_CSV_COLUMNS)[number];
export const DEVICE_CSV_REQUIRED: readonly DeviceCsvColumn[] = ['name', 'kind'];
export const DEVICE_CSV_CHINESE_HEADERS: Readonly<Record<DeviceCsvColumn, string>> = {
  name: '设备名称',
  kind: '设备类型',
  unit: '绑定力量',
  lat: '纬度',
  lon: '经度',
};

export const TEAM_CSV_COLUMNS = ['name', 'force'] as const;
export type TeamCsvColumn = (typeof TEAM_CSV_COLUMNS)[number];
export const TEAM_CSV_REQUIRED: readonly TeamCsvColumn[] = ['name', 'force'];
export const TEAM_CSV_CHINESE_HEADERS: Readonly<Record<TeamCsvColumn, string>> = { name: '队伍名称', force: '力量类别' };

/** Cells a spreadsheet writes for yes and no (Excel TRUE/FALSE, WPS 是/否). */
export const CSV_TRUE_WORDS = ['true', '1', 'yes', 'y', '是'] as const;
export const CSV_FALSE_WORDS = ['false', '0', 'no', 'n', '否'] as const;
