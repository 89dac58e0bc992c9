import {
  DEVICE_CSV_CHINESE_HEADERS,
  DEVICE_CSV_COLUMNS,
  DEVICE_CSV_REQUIRED,
  DEVICE_KINDS,
  FORCES,
  ROLES,
  USER_CSV_CHINESE_HEADERS,
  USER_CSV_COLUMNS,
  USER_CSV_REQUIRED,
  GRID_LEVELS,
  STATION_KINDS,
  HISTORY_CSV_CHINESE_HEADERS,
  HISTORY_CSV_COLUMNS,
  HISTORY_CSV_NUMBER_COLUMNS,
  HISTORY_CSV_REQUIRED,
  HISTORY_CSV_TIME_COLUMNS,
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  LADDER_LEVEL_VALUES,
  MODES,
  OUTCOMES,
  PRIORITIES,
  UNIT_CSV_CHINESE_HEADERS,
  UNIT_CSV_COLUMNS,
  UNIT_CSV_REQUIRED,
} from '@lianfang/shared';

/** What the console can import, each with its endpoint and its file's columns (from shared/, where the server reads them). */
export const IMPORT_KINDS = ['units', 'users', 'devices', 'incidents', 'grids', 'stations', 'keyareas', 'posts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnContent = 'time' | 'number' | 'code' | 'text';

export interface ImportKindSpec {
  endpoint: string;
  /** csv: a spreadsheet (or JSON); geojson: a FeatureCollection whose features' properties are the columns */
  format: 'csv' | 'geojson';
  columns: readonly string[];
  chinese: Readonly<Record<string, string>>;
  required: readonly string[];
  contentOf(column: string): ColumnContent;
  /** a code column's values, and the message group that names them (category → 治安刑事) */
  codes: Readonly<Record<string, { values: readonly string[]; labels?: string }>>;
  /** where the result is seen afterwards */
  after: { path: string; label: string };
}

const HISTORY_CODES: ImportKindSpec['codes'] = {
  category: { values: INCIDENT_CATEGORIES, labels: 'category' },
  priority: { values: PRIORITIES },
  source: { values: INCIDENT_SOURCES },
  outcome: { values: OUTCOMES, labels: 'outcome' },
  settledLevel: { values: LADDER_LEVEL_VALUES, labels: 'level' },
  escalatedTo: { values: LADDER_LEVEL_VALUES, labels: 'level' },
  cancelledAs: { values: ['cancelled', 'false_alarm'], labels: 'incidentStatus' },
};

const TIMES: ReadonlySet<string> = HISTORY_CSV_TIME_COLUMNS;
const NUMBERS: ReadonlySet<string> = HISTORY_CSV_NUMBER_COLUMNS;

export const IMPORT_SPECS: Readonly<Record<ImportKind, ImportKindSpec>> = {
  units: {
    endpoint: '/api/admin/import/units',
    format: 'csv',
    columns: UNIT_CSV_COLUMNS,
    chinese: UNIT_CSV_CHINESE_HEADERS,
    required: UNIT_CSV_REQUIRED,
    contentOf: (c) => (c === 'force' || c === 'mode' ? 'code' : 'text'),
    codes: { force: { values: FORCES, labels: 'force' }, mode: { values: MODES, labels: 'units.mode' } },
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  users: {
    endpoint: '/api/admin/import/users',
    format: 'csv',
    columns: USER_CSV_COLUMNS,
    chinese: USER_CSV_CHINESE_HEADERS,
    required: USER_CSV_REQUIRED,
    contentOf: (c) => (c === 'role' || c === 'disabled' ? 'code' : 'text'),
    codes: { role: { values: ROLES, labels: 'role' }, disabled: { values: ['true', 'false', '是', '否'] } },
    after: { path: '/admin', label: 'admin.imports.toAccounts' },
  },
  devices: {
    endpoint: '/api/admin/import/devices',
    format: 'csv',
    columns: DEVICE_CSV_COLUMNS,
    chinese: DEVICE_CSV_CHINESE_HEADERS,
    required: DEVICE_CSV_REQUIRED,
    contentOf: (c) => (c === 'kind' ? 'code' : c === 'lat' || c === 'lon' ? 'number' : 'text'),
    codes: { kind: { values: DEVICE_KINDS } },
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  incidents: {
    endpoint: '/api/admin/import/incidents',
    format: 'csv',
    columns: HISTORY_CSV_COLUMNS,
    chinese: HISTORY_CSV_CHINESE_HEADERS,
    required: HISTORY_CSV_REQUIRED,
    contentOf: (c) => (TIMES.has(c) ? 'time' : NUMBERS.has(c) ? 'number' : c in HISTORY_CODES ? 'code' : 'text'),
    codes: HISTORY_CODES,
    after: { path: '/analytics', label: 'admin.imports.toAnalytics' },
  },
  // GeoJSON (issue 19): the properties of each feature, as the server reads them (docs/admin-geography.md).
  grids: {
    endpoint: '/api/admin/import/grids',
    format: 'geojson',
    columns: ['code', 'name', 'level', 'parentCode', 'leader', 'phone'],
    chinese: { code: '编码', name: '名称', level: '级别', parentCode: '上级编码', leader: '负责人', phone: '电话' },
    required: ['code', 'name', 'level'],
    contentOf: (c) => (c === 'level' ? 'code' : 'text'),
    codes: { level: { values: GRID_LEVELS, labels: 'geography.level' } },
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  stations: {
    endpoint: '/api/admin/import/stations',
    format: 'geojson',
    columns: ['code', 'name', 'kind'],
    chinese: { code: '编码', name: '名称', kind: '类型' },
    required: ['code', 'name', 'kind'],
    contentOf: (c) => (c === 'kind' ? 'code' : 'text'),
    codes: { kind: { values: STATION_KINDS, labels: 'geography.kind' } },
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  keyareas: {
    endpoint: '/api/admin/import/keyareas',
    format: 'geojson',
    columns: ['code', 'name', 'fromHhmm', 'toHhmm', 'visitEveryMinutes'],
    chinese: { code: '编码', name: '名称', fromHhmm: '开始时间', toHhmm: '结束时间', visitEveryMinutes: '巡查间隔（分钟）' },
    required: ['code', 'name', 'fromHhmm', 'toHhmm', 'visitEveryMinutes'],
    contentOf: (c) => (c === 'visitEveryMinutes' ? 'number' : c === 'fromHhmm' || c === 'toHhmm' ? 'time' : 'text'),
    codes: {},
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  posts: {
    endpoint: '/api/admin/import/posts',
    format: 'geojson',
    columns: ['code', 'name', 'unitCallsign', 'fromHhmm', 'toHhmm', 'radiusM'],
    chinese: { code: '编码', name: '名称', unitCallsign: '力量呼号', fromHhmm: '开始时间', toHhmm: '结束时间', radiusM: '允许范围（米）' },
    required: ['code', 'name', 'unitCallsign', 'fromHhmm', 'toHhmm'],
    contentOf: (c) => (c === 'radiusM' ? 'number' : c === 'fromHhmm' || c === 'toHhmm' ? 'time' : 'text'),
    codes: {},
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
};
