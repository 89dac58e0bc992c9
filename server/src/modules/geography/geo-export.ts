import type { GeographyExport, Grid, GridFeature, GridLevel, KeyAreaFeature, PostFeature, StationFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { listKeyAreas } from '../key-areas/key-area-repository.js';
import { listPatrolPlans } from '../patrols/patrol-plan-repository.js';
import { listGrids, listStations } from './geo-repository.js';
import { phoneOf } from './grid-contacts.js';
import { closedRing } from './grid-rules.js';

const LEVEL_ORDER: Record<GridLevel, number> = { street: 0, community: 1, grid: 2 };

/**
 * The jurisdiction in service as one GeoJSON FeatureCollection (WGS84): grids parents first
 * (Polygon, properties as the import reads them), stations (Point), key areas (Polygon with
 * `visitEveryMinutes`) and fixed posts (Point with `unitCallsign`). Importing each layer through its
 * own import gives the same records on any server (`geographyLayerOf` tells the layers apart).
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
  return { type: 'FeatureCollection', features: [...gridFeatures, ...stationFeatures, ...(await keyAreaFeatures(q)), ...(await postFeatures(q))] };
}

const byCode = (a: { code?: string; id: string }, b: { code?: string; id: string }) => (a.code ?? a.id).localeCompare(b.code ?? b.id);

/** Key areas in service, by code: Polygons with `visitEveryMinutes`, as /import/keyareas reads them. */
async function keyAreaFeatures(q: Queryable): Promise<KeyAreaFeature[]> {
  return (await listKeyAreas(q)).sort(byCode).map((a) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [closedRing(a.ring)] },
    properties: { code: a.code ?? a.id, name: a.name, fromHhmm: a.from, toHhmm: a.to, visitEveryMinutes: a.everyMinutes },
  }));
}

/** Fixed posts in service, by code: Points with `unitCallsign`, as /import/posts reads them (guard tours have no GeoJSON form yet). */
async function postFeatures(q: Queryable): Promise<PostFeature[]> {
  const callsigns = new Map((await q.query<{ id: string; callsign: string }>('SELECT id, callsign FROM units')).map((u) => [u.id, u.callsign]));
  return (await listPatrolPlans(q))
    .filter((p) => p.kind === 'post' && p.post)
    .sort(byCode)
    .map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.post!.lon, p.post!.lat] },
      properties: {
        code: p.code ?? p.id,
        name: p.name,
        unitCallsign: callsigns.get(p.unitId) ?? p.unitId,
        fromHhmm: p.from,
        toHhmm: p.to,
        radiusM: p.post!.radiusM,
      },
    }));
}
