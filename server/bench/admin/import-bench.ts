/**
 * A district set up from its files (issue 19), timed from the administrator's side over real HTTP
 * on loopback (fetch: the request sent → the whole report read), each server a fresh PGlite:
 *   1. grids: 1 street, 20 communities, 2,000 grids as one GeoJSON FeatureCollection, dry run then
 *      import; baseline in the same run: the same grids created one by one through POST /api/admin/grids
 *      (what an administrator drawing them in the console does), on a second fresh server;
 *   2. the roster: 5,000 units as a CSV (Chinese headers) through POST /api/admin/import/units;
 *      baseline: 500 units one by one through POST /api/units, scaled per unit;
 *   3. the whole jurisdiction: GET /api/admin/export/jurisdiction of server 1 (the district and its
 *      units), then POST /api/admin/import/jurisdiction into a third fresh server;
 *   4. the geography draft of an extract (GET /api/admin/drafts/geography, ROAD_NETWORK=Andorra):
 *      the first call (read from the extract: what an administrator waits for), then the second (kept).
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/admin/import-bench.ts [--quick] [--units=5000 --baseline-units=500 --baseline-grids=all --grid-side=10 --no-draft]
 */
import { existsSync } from 'node:fs';
import type { GeographyDraft, ImportReport, JurisdictionImportReport } from '@lianfang/shared';
import { ANDORRA } from '../basemap/build-bench.js';
import { cliOptions, isMain, machine, printReport, round } from '../core/lib/stats.js';
import type { TilingShape } from '../scale/grid-tiling.js';
import { dropTemplate, sendOk, startAdminServer, type AdminServer } from './admin-http.js';
import { DISTRICT_TILING, SMALL_TILING, districtGeoJson, roster, rosterCsv } from './district-files.js';

export interface ImportBenchOptions {
  tiling?: TilingShape;
  /** grids created one by one for the baseline (default: all of the district's features) */
  baselineGrids?: number;
  units?: number;
  baselineUnits?: number;
  /** the extract for the draft; null skips that measure */
  roadNetwork?: string | null;
}

/** --quick: a smoke run (100 grids, 200 units), not comparable with the figures in docs/performance.md. */
export const QUICK_SIZES: ImportBenchOptions = { tiling: SMALL_TILING, units: 200, baselineUnits: 50 };

const perSecond = (n: number, ms: number) => round((n * 1000) / ms, 1);

/** An import's report, refused when a row was rejected or the count created is not the one sent. */
function created(report: ImportReport, expected: number): number {
  if (report.counts.reject > 0 || report.counts.create !== expected)
    throw new Error(
      `${report.kind}: created ${report.counts.create} of ${expected}, rejected ${report.counts.reject}: ${JSON.stringify(report.rows.find((r) => r.action === 'reject'))}`,
    );
  return report.counts.create;
}

/** 1. The district's grids: dry run and import on `target`, one by one on `baseline`. */
export async function measureGrids(target: AdminServer, baseline: AdminServer, tiling: TilingShape, baselineCount?: number) {
  const file = districtGeoJson(tiling);
  const n = file.features.length;
  const dry = await sendOk<ImportReport>(target, 'POST', '/api/admin/import/grids?dryRun=true', { json: file });
  if (dry.body.applied || dry.body.counts.create !== n) throw new Error(`grids dry run: ${JSON.stringify(dry.body.counts)}`);
  const applied = await sendOk<ImportReport>(target, 'POST', '/api/admin/import/grids', { json: file });
  const imported = created(applied.body, n);

  const ids = new Map<string, string>();
  const oneByOne = file.features.slice(0, baselineCount ?? n);
  const each: number[] = [];
  for (const f of oneByOne) {
    const p = f.properties;
    const parentId = p.parentCode ? ids.get(p.parentCode) : null;
    if (parentId === undefined) throw new Error(`baseline: ${p.code}'s parent was not created`);
    const r = await sendOk<{ id: string }>(
      baseline,
      'POST',
      '/api/admin/grids',
      { json: { code: p.code, name: p.name, level: p.level, parentId, ring: f.geometry.coordinates[0] } },
      201,
    );
    ids.set(p.code, r.body.id);
    each.push(r.ms);
  }
  const baselineMs = each.reduce((a, b) => a + b, 0);
  // Each create checks the new grid against every grid there is, so the console's clicks slow down as the district fills.
  const tenth = Math.max(1, Math.floor(each.length / 10));
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length, 2);
  const importPerSecond = perSecond(n, applied.ms);
  const baselinePerSecond = perSecond(oneByOne.length, baselineMs);
  return {
    features: n,
    grids: file.features.filter((f) => f.properties.level === 'grid').length,
    bodyBytes: Buffer.byteLength(JSON.stringify(file)),
    dryRunMs: round(dry.ms, 0),
    importMs: round(applied.ms, 0),
    created: imported,
    importPerSecond,
    baseline: {
      created: ids.size,
      ms: round(baselineMs, 0),
      perSecond: baselinePerSecond,
      msEach: round(baselineMs / oneByOne.length, 2),
      msEachFirstTenth: mean(each.slice(0, tenth)),
      msEachLastTenth: mean(each.slice(-tenth)),
    },
    speedup: round(importPerSecond / baselinePerSecond, 1),
  };
}

/** 2. The roster: the CSV import on `target`, the first `baselineCount` units one by one on `baseline`. */
export async function measureUnits(target: AdminServer, baseline: AdminServer, count: number, baselineCount: number) {
  const units = roster(count, '巡逻');
  const csv = rosterCsv(units);
  const dry = await sendOk<ImportReport>(target, 'POST', '/api/admin/import/units?dryRun=true', { bytes: csv, type: 'text/csv' });
  if (dry.body.applied || dry.body.counts.create !== count) throw new Error(`units dry run: ${JSON.stringify(dry.body.counts)}`);
  const applied = await sendOk<ImportReport>(target, 'POST', '/api/admin/import/units', { bytes: csv, type: 'text/csv' });
  const imported = created(applied.body, count);
  // The import reached the live picture (its events went through the outbox), not only the table.
  const live = await sendOk<unknown[]>(target, 'GET', '/api/units');
  if (live.body.length !== count) throw new Error(`units on the live picture: ${live.body.length} of ${count}`);

  let baselineMs = 0;
  for (const u of roster(baselineCount, 'BL')) baselineMs += (await sendOk(baseline, 'POST', '/api/units', { json: u }, 201)).ms;
  const importPerSecond = perSecond(count, applied.ms);
  const baselinePerSecond = perSecond(baselineCount, baselineMs);
  return {
    units: count,
    csvBytes: csv.length,
    dryRunMs: round(dry.ms, 0),
    importMs: round(applied.ms, 0),
    created: imported,
    onLivePicture: live.body.length,
    importPerSecond,
    baseline: { created: baselineCount, ms: round(baselineMs, 0), perSecond: baselinePerSecond, msEach: round(baselineMs / baselineCount, 2) },
    speedup: round(importPerSecond / baselinePerSecond, 1),
  };
}

/** 3. The jurisdiction of `source` exported, then imported into a fresh server; counts checked against what was there. */
export async function measureJurisdiction(source: AdminServer, expect: { gridFeatures: number; units: number }) {
  const exported = await sendOk<Buffer>(source, 'GET', '/api/admin/export/jurisdiction');
  const target = await startAdminServer();
  try {
    const zip = { bytes: exported.body, type: 'application/zip' };
    const dry = await sendOk<JurisdictionImportReport>(target, 'POST', '/api/admin/import/jurisdiction?dryRun=true', zip);
    const applied = await sendOk<JurisdictionImportReport>(target, 'POST', '/api/admin/import/jurisdiction', zip);
    if (!applied.body.applied) throw new Error(`jurisdiction import not applied: ${JSON.stringify(applied.body.reports.map((r) => [r.kind, r.counts]))}`);
    const countOf = (kind: string) => applied.body.reports.find((r) => r.kind === kind)?.counts.create ?? 0;
    if (countOf('grids') !== expect.gridFeatures || countOf('units') !== expect.units)
      throw new Error(`jurisdiction: grids ${countOf('grids')} of ${expect.gridFeatures}, units ${countOf('units')} of ${expect.units}`);
    return {
      zipBytes: exported.bytes,
      exportMs: round(exported.ms, 0),
      dryRunMs: round(dry.ms, 0),
      importMs: round(applied.ms, 0),
      created: Object.fromEntries(applied.body.reports.map((r) => [r.kind, r.counts.create])),
    };
  } finally {
    await target.close();
  }
}

/** 4. The extract's draft on a fresh server (no cache on disk): the first call, then the second. */
export async function measureDraft(roadNetwork: string) {
  const s = await startAdminServer({ ROAD_NETWORK: roadNetwork });
  try {
    const first = await sendOk<GeographyDraft>(s, 'GET', '/api/admin/drafts/geography');
    const second = await sendOk<GeographyDraft>(s, 'GET', '/api/admin/drafts/geography');
    const features = (d: GeographyDraft) => JSON.stringify(d).length;
    return { firstMs: round(first.ms, 0), secondMs: round(second.ms, 1), bytes: first.bytes, sameAnswer: features(first.body) === features(second.body) };
  } finally {
    await s.close();
  }
}

export async function runImportBench(options: ImportBenchOptions = {}) {
  const tiling = options.tiling ?? DISTRICT_TILING;
  const units = options.units ?? 5000;
  const baselineUnits = Math.min(units, options.baselineUnits ?? 500);
  const roadNetwork = options.roadNetwork === undefined ? (existsSync(ANDORRA) ? ANDORRA : null) : options.roadNetwork;
  const [target, baseline] = [await startAdminServer(), await startAdminServer()];
  try {
    const grids = await measureGrids(target, baseline, tiling, options.baselineGrids);
    const roster = await measureUnits(target, baseline, units, baselineUnits);
    await baseline.close();
    const zip = await measureJurisdiction(target, { gridFeatures: grids.features, units });
    // The zip's import against the two imports it replaces, as timed above in this run.
    const separateImportsMs = grids.importMs + roster.importMs;
    const jurisdiction = { ...zip, separateImportsMs, ratioToSeparate: round(zip.importMs / separateImportsMs, 2) };
    const draft = roadNetwork ? await measureDraft(roadNetwork) : null;
    return { transport: 'real HTTP on loopback (fetch)', database: 'PGlite', grids, units: roster, jurisdiction, draft };
  } finally {
    await baseline.close().catch(() => undefined);
    await target.close();
    await dropTemplate();
  }
}

/** The figures as one table for people. */
export function importBenchRows(f: Awaited<ReturnType<typeof runImportBench>>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [
    {
      measure: `grids import, ${f.grids.features} features`,
      ms: f.grids.importMs,
      perSecond: f.grids.importPerSecond,
      baseline: `${f.grids.baseline.perSecond}/s one by one`,
      ratio: f.grids.speedup,
    },
    { measure: 'grids dry run', ms: f.grids.dryRunMs },
    {
      measure: `units CSV import, ${f.units.units} rows`,
      ms: f.units.importMs,
      perSecond: f.units.importPerSecond,
      baseline: `${f.units.baseline.perSecond}/s one by one`,
      ratio: f.units.speedup,
    },
    { measure: 'units dry run', ms: f.units.dryRunMs },
    { measure: `jurisdiction export (zip ${f.jurisdiction.zipBytes} B)`, ms: f.jurisdiction.exportMs },
    {
      measure: 'jurisdiction import into a fresh server',
      ms: f.jurisdiction.importMs,
      baseline: `${f.jurisdiction.separateImportsMs} ms grids + units imports`,
      ratio: f.jurisdiction.ratioToSeparate,
    },
  ];
  if (f.draft) rows.push({ measure: 'geography draft, first call', ms: f.draft.firstMs }, { measure: 'geography draft, second call', ms: f.draft.secondMs });
  return rows;
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const before = machine();
  const figures = await runImportBench({
    ...(o.quick ? QUICK_SIZES : {}),
    // a smaller district of the same 20 communities: --grid-side=5 is 25 grids a community
    ...(typeof o.gridSide === 'number' ? { tiling: { ...DISTRICT_TILING, grids: [o.gridSide, o.gridSide] as [number, number] } } : {}),
    ...(typeof o.units === 'number' ? { units: o.units } : {}),
    ...(typeof o.baselineUnits === 'number' ? { baselineUnits: o.baselineUnits } : {}),
    ...(typeof o.baselineGrids === 'number' ? { baselineGrids: o.baselineGrids } : {}),
    ...(o.noDraft ? { roadNetwork: null } : {}),
  });
  printReport('admin-import', { ...figures, quick: Boolean(o.quick), loadavg1Before: before.loadavg1, machine: machine() }, importBenchRows(figures));
}
