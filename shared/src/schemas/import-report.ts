import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './common.js';

/**
 * The one report every bulk import answers with (geography GeoJSON, people and forces CSV,
 * incident history): what each row would do (dry run) or did, and why a row is refused.
 * An import is all or nothing: when any row is rejected nothing is applied, even without
 * `dryRun`, and the report says so with `applied: false`.
 */
export const IMPORT_ROW_ACTIONS = ['create', 'update', 'unchanged', 'reject'] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];

export const ImportProblemSchema = Type.Object({
  /** the field (column or property) at fault, as named in the file */
  field: Type.String(),
  /** the problem in English, whole (for the API's readers and the logs) */
  message: Type.String(),
  /** what kind of problem, so a screen can say it in its own language (IMPORT_PROBLEM_CODES); absent for the rare uncoded one */
  code: Type.Optional(Type.String()),
  /** the values the sentence needs (`row`: the spreadsheet row; `value`: the cell as written; …) */
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});
export type ImportProblem = Static<typeof ImportProblemSchema>;

/** Every problem code an import reports; each screen language has a sentence for each (web locales, importProblem). */
export const IMPORT_PROBLEM_CODES = [
  'required',
  'one_of',
  'invalid',
  'not_a_time',
  'not_a_number',
  'in_future',
  'before_received',
  'not_concluded',
  'resolved_and_cancelled',
  'before_opened',
  'outcome_needed',
  'outcome_only_resolved',
  'evaluation_only_resolved',
  'before_resolved',
  'rating_needed',
  'rating_needs_time',
  'stood_down_only',
  'unknown_callsign',
  'callsign_twice',
  'after_ended',
  'cannot_step',
  'before_previous_step',
  'cannot_decline',
  'outside_case',
  'differs',
  'callsign_needed',
  'unknown_column',
  'missing_column',
  'column_twice',
  'twice_in_file',
  'history_not_rewritten',
  'unknown_team',
  'tracker_in_use',
  'unit_retired',
  // geography (issue 19): grids and stations from GeoJSON and the console
  'ring_too_few_points',
  'ring_self_intersects',
  'ring_no_area',
  'street_has_parent',
  'parent_required',
  'wrong_parent_level',
  'unknown_parent',
  'outside_parent',
  'children_outside',
  'level_has_children',
  'code_taken',
  // people and devices (issue 19): users, devices and teams from CSV
  'unknown_unit',
  'name_ambiguous',
  'last_admin',
  'captain_needs_team',
  'lat_lon_together',
  'not_yes_no',
  'kind_differs',
  'unknown_station',
  // emergency plans of the jurisdiction zip, checked as the console checks a save
  'too_many_units',
  'task_twice',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const ImportRowSchema = Type.Object({
  /** 1-based position in the file: the CSV line after the header, or the feature's index + 1 */
  row: Type.Integer({ minimum: 1 }),
  /** the row's key (a `code`, a username, an external id); null when the row has none */
  key: Type.Union([Type.String(), Type.Null()]),
  action: stringEnum(IMPORT_ROW_ACTIONS),
  problems: Type.Array(ImportProblemSchema),
});
export type ImportRow = Static<typeof ImportRowSchema>;

/** A secret made by an import for one row: `key` is the row's key (the username, the device's name). */
export const OneTimeSecretSchema = Type.Object({ row: Type.Integer({ minimum: 1 }), key: Type.String(), secret: Type.String() });
export type OneTimeSecret = Static<typeof OneTimeSecretSchema>;

export const ImportReportSchema = Type.Object({
  /** what was imported: grids, stations, key-areas, posts, units, users, devices, incidents */
  kind: Type.String(),
  dryRun: Type.Boolean(),
  /** true only when the rows were written (not a dry run, and no row rejected) */
  applied: Type.Boolean(),
  /** the text encoding the file was read in (CSV: utf-8, utf-8 with BOM, gb18030) */
  encoding: Type.Optional(Type.String()),
  counts: Type.Object({
    create: Type.Integer({ minimum: 0 }),
    update: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
    reject: Type.Integer({ minimum: 0 }),
  }),
  rows: Type.Array(ImportRowSchema),
  /**
   * What the import made that is shown this once and never again: a new user's password, a new
   * device's key. Only in the report of an applied import (never in a dry run or a refused one).
   */
  oneTimeSecrets: Type.Optional(Type.Array(OneTimeSecretSchema)),
});
export type ImportReport = Static<typeof ImportReportSchema>;
