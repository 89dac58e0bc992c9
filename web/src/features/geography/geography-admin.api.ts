import type {
  GeographyDraft,
  GeographyExport,
  GeoImportBody,
  GeoRetire,
  ImportReport,
  Grid,
  GridCreate,
  GridUpdate,
  Station,
  StationCreate,
  StationUpdate,
} from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The console's grids and stations (admin only on the server). What changed comes back to every screen as `geography:changed`. */
const gridPath = (id: string) => `/api/admin/grids/${encodeURIComponent(id)}`;
const stationPath = (id: string) => `/api/admin/stations/${encodeURIComponent(id)}`;

export const geographyAdminApi = {
  createGrid: (body: GridCreate) => apiRequest<Grid>('/api/admin/grids', { method: 'POST', body }),
  updateGrid: (id: string, body: GridUpdate) => apiRequest<Grid>(gridPath(id), { method: 'PATCH', body }),
  retireGrid: (id: string, body: GeoRetire) => apiRequest<Grid>(`${gridPath(id)}/retire`, { method: 'POST', body }),
  createStation: (body: StationCreate) => apiRequest<Station>('/api/admin/stations', { method: 'POST', body }),
  updateStation: (id: string, body: StationUpdate) => apiRequest<Station>(stationPath(id), { method: 'PATCH', body }),
  retireStation: (id: string, body: GeoRetire) => apiRequest<Station>(`${stationPath(id)}/retire`, { method: 'POST', body }),
  exportAll: () => apiRequest<GeographyExport>('/api/admin/export/geography'),
  /** grids and stations read from the ROAD_NETWORK extract (404 for the demo city) */
  draft: () => apiRequest<GeographyDraft>('/api/admin/drafts/geography'),
  /** the GeoJSON import, checked first with dryRun */
  importFeatures: (kind: 'grids' | 'stations', body: GeoImportBody, dryRun: boolean) =>
    apiRequest<ImportReport>(`/api/admin/import/${kind}?dryRun=${dryRun}`, { method: 'POST', body }),
};
