import type {
  Alert,
  CategoryChangeReply,
  ClosureReply,
  CoverageReply,
  DrilldownReply,
  HeatmapReply,
  Incident,
  KeyAreaComplianceReply,
  ResponseHistogramReply,
  ResponseReply,
  TimelineEntry,
  TracksReply,
  UnitActivityReply,
} from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';
import { ApiRequestError, NetworkError } from '../../api/api-errors';
import { readSessionToken } from '../../api/session-token';
import type { AnalyticsParams } from './analytics-filters';

/** The tables the dashboard reads, by their path under /api/analytics/ (the same path serves the CSV). */
export type AnalyticsTable =
  'response' | 'response-histogram' | 'closure' | 'category-change' | 'heatmap' | 'coverage' | 'key-areas' | 'units' | 'incidents' | 'tracks';

export function tableUrl(table: AnalyticsTable, params: AnalyticsParams, format: 'json' | 'csv' = 'json'): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) search.set(k, String(v));
  if (format === 'csv') search.set('format', 'csv');
  return `/api/analytics/${table}?${search.toString()}`;
}

const table =
  <T>(name: AnalyticsTable) =>
  (params: AnalyticsParams, signal?: AbortSignal) =>
    apiRequest<T>(tableUrl(name, params), signal ? { signal } : {});

export const analyticsApi = {
  response: table<ResponseReply>('response'),
  histogram: table<ResponseHistogramReply>('response-histogram'),
  closure: table<ClosureReply>('closure'),
  categoryChange: table<CategoryChangeReply>('category-change'),
  heatmap: table<HeatmapReply>('heatmap'),
  coverage: table<CoverageReply>('coverage'),
  keyAreas: table<KeyAreaComplianceReply>('key-areas'),
  units: table<UnitActivityReply>('units'),
  incidents: table<DrilldownReply>('incidents'),
  tracks: table<TracksReply>('tracks'),
  incident: (id: string) => apiRequest<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
};

/** One line of an incident's timeline (the schema is in shared: actor named by the server). */
export type { TimelineEntry } from '@lianfang/shared';
export interface IncidentDetail {
  incident: Incident;
  alerts: Alert[];
  timeline: TimelineEntry[];
}

/**
 * Downloads the server's CSV of a table (the same rows as the JSON the page shows)
 * as a file: fetched with the session token, then saved through a temporary link.
 */
export async function downloadCsv(name: AnalyticsTable, params: AnalyticsParams): Promise<void> {
  const token = readSessionToken();
  let res: Response;
  try {
    res = await fetch(tableUrl(name, params, 'csv'), { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError(err);
  }
  if (!res.ok) throw new ApiRequestError(res.status, await res.json().catch(() => ({ message: res.statusText })));
  const blob = await res.blob();
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `lianfang-${name}.csv`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.replace(/\.csv$/, `-${String(params.from ?? '').slice(0, 10)}.csv`);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
