import { createHash, randomUUID } from 'node:crypto';
import { GridIndex, HistoryIncidentSchema, type HistoryIncident, type ImportProblem, type ImportReport, type ImportRow } from '@lianfang/shared';
import type { Database, Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import { listGrids } from '../geography/geo-repository.js';
import { importRowChecker } from '../import-row-check.js';
import { planHistoryIncident, type KnownUnit, type PlannedHistoryIncident } from './history-rules.js';
import { locationTextColumn } from './incident-repository.js';
import type { DescribeLocation } from '../places/describe-location.js';

export interface HistoryImportOptions {
  dryRun: boolean;
  /** who imports (`user:<name>`): audited, and the timeline's author of every imported line */
  actor: string;
  /** ACK_TIMEOUT_SECONDS, the limit the live watcher applies */
  ackLimitSeconds: number;
  nowMs?: number;
  /** the demo's past: rows marked `demo` (migration 023) with the demo's own ids, the units' steps by its crew actor */
  demo?: { idFor(externalId: string): string; crewActor: string };
  /** where each case was in words (the places module), stored as its location text like a live incident's */
  describe?: DescribeLocation;
}

/**
 * Concluded cases from a district's previous system, applied through the live rules
 * (history-rules.ts) and written in ONE transaction: every row is checked first, and
 * when any is refused nothing is written (`applied: false`). Idempotent by `externalId`:
 * a row imported before with the same content is "unchanged"; with other content it is
 * refused, since history is not rewritten. No events are published: these cases are
 * concluded, no live screen holds them; the facts triggers give the dashboard their figures.
 * Runs outside the command bus's seq lock, so a large import never holds up live commands.
 */
export async function importIncidentHistory(db: Database, rawRows: readonly unknown[], options: HistoryImportOptions): Promise<ImportReport> {
  return applyHistoryPlan(db, await planHistoryImport(db, rawRows, options), options);
}

/** The spreadsheet's cases (history-csv.ts), by the same rules and in the same one transaction. */
export async function importHistoryCases(db: Database, cases: readonly HistoryCaseInFile[], options: HistoryImportOptions): Promise<ImportReport> {
  return applyHistoryPlan(db, await planHistoryCases(db, cases, options), options);
}

async function applyHistoryPlan(db: Database, { report, toWrite }: PlannedHistoryImport, options: HistoryImportOptions): Promise<ImportReport> {
  if (!report.applied) return report;
  await db.tx(async (q) => {
    await writeHistory(q, toWrite, options);
    await recordAudit(q, options.actor, 'history.import', null, { created: report.counts.create, unchanged: report.counts.unchanged });
  });
  return report;
}

/** Cases checked and planned, ready for writeHistory; `report.applied` says whether they may be written. */
export interface PlannedHistoryImport {
  report: ImportReport;
  toWrite: { plan: PlannedHistoryIncident; hash: string }[];
}

const checkHistoryRow = importRowChecker<HistoryIncident>(HistoryIncidentSchema, 'externalId');

/** A case as the file gave it, with where it is in the file and how to name its problems there. */
export interface HistoryCaseInFile {
  raw: unknown;
  /** the report's `row`: the JSON array's index + 1, or the spreadsheet row of the case's first line */
  row: number;
  /** what reading the file already found wrong (a spreadsheet cell that is not a time) */
  problems?: ImportProblem[];
  /** renames a problem the way the file names things (the spreadsheet's column and row) */
  inFileTerms?: (problem: ImportProblem) => ImportProblem;
}

/** Every row checked and derived by the live rules, nothing written (the dry run is this alone). */
export async function planHistoryImport(q: Queryable, rawRows: readonly unknown[], options: HistoryImportOptions): Promise<PlannedHistoryImport> {
  return planHistoryCases(
    q,
    rawRows.map((raw, i) => ({ raw, row: i + 1 })),
    options,
  );
}

/** The cases of a file (JSON or spreadsheet) checked and derived by the live rules, nothing written. */
export async function planHistoryCases(q: Queryable, cases: readonly HistoryCaseInFile[], options: HistoryImportOptions): Promise<PlannedHistoryImport> {
  const nowMs = options.nowMs ?? Date.now();
  const [units, grids] = await Promise.all([q.query<KnownUnit>('SELECT id, callsign FROM units'), listGrids(q)]);
  const ctx = { unitsByCallsign: new Map(units.map((u) => [u.callsign, u])), grids: new GridIndex(grids), nowMs, ackLimitSeconds: options.ackLimitSeconds };

  const checked = cases.map((c) => ({ ...checkHistoryRow(c.raw), from: c }));
  const ids = checked.flatMap((c) => (c.row ? [c.row.externalId] : []));
  const known = new Map(
    (ids.length > 0
      ? await q.query<{ external_id: string; import_hash: string | null }>(
          'SELECT external_id, import_hash FROM incidents WHERE external_id = ANY($1::text[])',
          [ids],
        )
      : []
    ).map((r) => [r.external_id, r.import_hash]),
  );

  const rows: ImportRow[] = [];
  const toWrite: { plan: PlannedHistoryIncident; hash: string }[] = [];
  const inFile = new Set<string>();
  for (const c of checked) {
    const { row } = c.from;
    const key = c.row?.externalId ?? c.key;
    const rename = c.from.inFileTerms ?? ((p: ImportProblem) => p);
    const reject = (problems: ImportProblem[]) => rows.push({ row, key, action: 'reject', problems: problems.map(rename) });
    // the file's own mistakes first: the schema would only repeat them less clearly
    if (c.from.problems && c.from.problems.length > 0) {
      reject(c.from.problems);
      continue;
    }
    if (!c.row) {
      reject(c.problems);
      continue;
    }
    if (inFile.has(c.row.externalId)) {
      reject([{ field: 'externalId', message: 'appears twice in this file', code: 'twice_in_file', params: { value: c.row.externalId } }]);
      continue;
    }
    inFile.add(c.row.externalId);
    const hash = rowHash(c.row);
    if (known.has(c.row.externalId)) {
      if (known.get(c.row.externalId) === hash) rows.push({ row, key, action: 'unchanged', problems: [] });
      else reject([{ field: 'externalId', message: 'already imported with different content: history is not rewritten', code: 'history_not_rewritten' }]);
      continue;
    }
    const { problems, plan } = planHistoryIncident(c.row, ctx);
    if (!plan) {
      reject(problems);
      continue;
    }
    rows.push({ row, key, action: 'create', problems: [] });
    toWrite.push({ plan, hash });
  }

  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const r of rows) counts[r.action]++;
  const applied = !options.dryRun && counts.reject === 0 && toWrite.length > 0;
  return { report: { kind: 'incidents', dryRun: options.dryRun, applied, counts, rows }, toWrite };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The row's content, hashed so that the same case hashes the same however it was written:
 * keys sorted, times as UTC instants (`+08:00` and `Z` alike), empty lists and absent ones alike
 * (a spreadsheet has no empty list). So a case imported from JSON and later from the CSV export
 * of the old system is "unchanged", not a conflict.
 */
function rowHash(row: HistoryIncident): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (typeof v === 'string' && ISO_TIME.test(v)) return new Date(v).toISOString();
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined && !(Array.isArray(o[k]) && (o[k] as unknown[]).length === 0))
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(row)))
    .digest('hex');
}

const INCIDENT_COLUMNS = [
  'id',
  'status',
  'category',
  'priority',
  'source',
  'title',
  'lat',
  'lon',
  'grid_id',
  'alert_count',
  'created_at',
  'updated_at',
  'level',
  'dispatched_at',
  'acknowledged_at',
  'en_route_at',
  'on_scene_at',
  'resolved_at',
  'closed_at',
  'ack_breached_at',
  'arrival_breached_at',
  'outcome',
  'settled_level',
  'resolution_note',
  'rating',
  'feedback',
  'description',
  'address',
  'call_received_at',
  'external_id',
  'import_hash',
  'demo',
  'location_text',
];

/** Multi-row inserts in chunks (the triggers still run per row and derive the facts). */
export async function writeHistory(
  q: Queryable,
  items: readonly { plan: PlannedHistoryIncident; hash: string }[],
  options: HistoryImportOptions,
): Promise<void> {
  const CHUNK = 200;
  for (let from = 0; from < items.length; from += CHUNK) {
    const chunk = items.slice(from, from + CHUNK).map(({ plan, hash }) => ({ plan, hash, id: options.demo?.idFor(plan.externalId) ?? randomUUID() }));
    await insertRows(
      q,
      `INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}) VALUES`,
      chunk.map(({ plan: p, hash, id }) => [
        id,
        p.status,
        p.category,
        p.priority,
        p.source,
        p.title,
        p.lat,
        p.lon,
        p.gridId,
        p.source === 'alert' ? 1 : 0,
        p.createdAt,
        p.closedAt ?? p.resolvedAt ?? p.createdAt,
        p.level,
        p.dispatchedAt,
        p.acknowledgedAt,
        p.enRouteAt,
        p.onSceneAt,
        p.resolvedAt,
        p.closedAt,
        p.ackBreachedAt,
        p.arrivalBreachedAt,
        p.outcome,
        p.settledLevel,
        p.resolutionNote,
        p.rating,
        p.feedback,
        p.description,
        p.address,
        p.callReceivedAt,
        // the demo's past is its own: not a district's external record
        options.demo ? null : p.externalId,
        options.demo ? null : hash,
        !!options.demo,
        locationTextColumn(options.describe?.(p.lat, p.lon, p.gridId) ?? null),
      ]),
    );
    const assignments = chunk.flatMap(({ plan, id }) =>
      plan.assignments.map((a) => [
        id,
        a.unitId,
        a.status,
        a.dispatchedAt,
        a.acknowledgedAt,
        a.enRouteAt,
        a.onSceneAt,
        a.clearedAt,
        a.ackTimeoutAt,
        a.declineReason,
      ]),
    );
    for (let i = 0; i < assignments.length; i += 500)
      await insertRows(
        q,
        'INSERT INTO incident_units (incident_id, unit_id, status, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, ack_timeout_at, decline_reason) VALUES',
        assignments.slice(i, i + 500),
      );
    // In time order per incident: the timeline's hash chain links each row to the one before it.
    const events = chunk.flatMap(({ plan, id }) => plan.events.map((e) => [id, e.at, actorOf(e, options), e.kind, JSON.stringify(e.data)]));
    for (let i = 0; i < events.length; i += 500)
      await insertRows(q, 'INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES', events.slice(i, i + 500));
  }
}

/** Who wrote a line: the watchers' lines are the system's, a unit's steps its own (the demo's crew), the rest the importer's. */
function actorOf(e: PlannedHistoryIncident['events'][number], options: HistoryImportOptions): string {
  if (e.actor === 'system') return 'system';
  if (e.actor === 'unit') return options.demo?.crewActor ?? `unit:${String(e.data.unitId)}`;
  return options.actor;
}

async function insertRows(q: Queryable, head: string, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`);
  await q.query(`${head} ${tuples.join(', ')}`, params);
}
