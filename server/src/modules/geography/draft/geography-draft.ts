import type { GeographyDraft } from '@lianfang/shared';
import { draftStations } from './draft-stations.js';
import { boundaryGrids } from './draft-boundary-grids.js';
import { tilingGrids } from './draft-tiling-grids.js';
import { collectDraftSource, type OsmDraftSource } from './osm-draft-collector.js';

/** Grids from the boundaries when they cover the roads, else the tiling; stations from the POIs. */
export function draftFromSource(source: OsmDraftSource): GeographyDraft {
  const fromBoundaries = boundaryGrids(source.boundaries, source.roadPoints);
  const grids = fromBoundaries ?? tilingGrids(source.roadPoints);
  return {
    source: fromBoundaries ? 'boundaries' : 'tiling',
    grids: { type: 'FeatureCollection', features: grids },
    stations: { type: 'FeatureCollection', features: draftStations(source.pois, grids) },
  };
}

export async function readGeographyDraft(osmPath: string): Promise<GeographyDraft> {
  return draftFromSource(await collectDraftSource(osmPath));
}
