import {
  FORCES,
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
export const IMPORT_KINDS = ['units', 'incidents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnContent = 'time' | 'number' | 'code' | 'text';

export interface ImportKindSpec {
  endpoint: string;
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
    columns: UNIT_CSV_COLUMNS,
    chinese: UNIT_CSV_CHINESE_HEADERS,
    required: UNIT_CSV_REQUIRED,
    contentOf: (c) => (c === 'force' || c === 'mode' ? 'code' : 'text'),
    codes: { force: { values: FORCES, labels: 'force' }, mode: { values: MODES, labels: 'units.mode' } },
    after: { path: '/wall', label: 'admin.imports.toWall' },
  },
  incidents: {
    endpoint: '/api/admin/import/incidents',
    columns: HISTORY_CSV_COLUMNS,
    chinese: HISTORY_CSV_CHINESE_HEADERS,
    required: HISTORY_CSV_REQUIRED,
    contentOf: (c) => (TIMES.has(c) ? 'time' : NUMBERS.has(c) ? 'number' : c in HISTORY_CODES ? 'code' : 'text'),
    codes: HISTORY_CODES,
    after: { path: '/analytics', label: 'admin.imports.toAnalytics' },
  },
};
