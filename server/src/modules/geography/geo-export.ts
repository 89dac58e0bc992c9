import type { GeographyExport, Grid, GridFeature, GridLevel, StationFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { listGrids, listStations } from './geo-repository.js';
import { phoneOf } from './grid-contacts.js';
import { closedRing } from './grid-rules.js';

const LEVEL_ORDER: Record<GridLevel, number> = { street: 0, community: 1, grid: 2 };

/**
 * The jurisdiction in service as one GeoJSON FeatureCollection (WGS84): grids parents first
 * (Polygon, properties as the import reads them), then stations (Point). Importing its grids and
 * its stations into any server gives the same codes, names, levels, parents, rings, leaders and phones.
 */
export async function exportGeography(q: Queryable): Promise<GeographyExport> {
  const grids = await listGrids(q);
  const codeOf = new Map(grids.map((g) => [g.id, g.code ?? g.id]));
  const ordered = [...grids].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.code ?? a.id).localeCompare(b.code ?? b.id));
  const gridFeatures = ordered.map((g: Grid): GridFeature => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [closedRing(g.ring)] },
    properties: {
      code: g.code ?? g.id,
      name: g.name,
      level: g.level,
      parentCode: g.parentId ? (codeOf.get(g.parentId) ?? null) : null,
      leader: g.leader,
      phone: phoneOf(g),
    },
  }));
  // Sorted by code: two servers with the same geography export the same file.
  const stations = (await listStations(q)).sort((a, b) => (a.code ?? a.id).localeCompare(b.code ?? b.id));
  const stationFeatures = stations.map((s): StationFeature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { code: s.code ?? s.id, name: s.name, kind: s.kind },
  }));
  return { type: 'FeatureCollection', features: [...gridFeatures, ...stationFeatures] };
}
