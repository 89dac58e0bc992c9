import { join } from 'node:path';
import { NO_EDGE, ROAD_CLASSES, buildRoadGraph, generateCityNetwork, isOnewayFor, type RoadGraph } from '@lianfang/shared/routing/index';
import type { Config } from '../../config.js';
import { loadRoadGraph } from './osm/graph-cache.js';

/** Where the demo city stands: a plausible old-town district (the network itself is generated). */
export const DEMO_CENTER = { lat: 30.26, lon: 120.17 };
const DEMO_CITY = { targetEdges: 14_000, sizeKm: 5, seed: 20261122 };

export interface RoadNetwork {
  graph: RoadGraph;
  source: 'demo' | 'osm';
  name: string;
  /** The network as GeoJSON lines for the offline basemap; built once, served many times. */
  geoJson(): string;
}

/** ROAD_NETWORK (an .osm.pbf or .osm file, cached on disk after the first import) or the generated demo city. */
export async function loadRoadNetwork(config: Config): Promise<RoadNetwork> {
  if (config.ROAD_NETWORK) {
    const loaded = await loadRoadGraph(config.ROAD_NETWORK, { cacheDir: join(config.DATA_DIR, 'road-graphs') });
    return withGeoJson(loaded.graph, 'osm', config.ROAD_NETWORK);
  }
  const graph = buildRoadGraph(generateCityNetwork({ centerLat: DEMO_CENTER.lat, centerLon: DEMO_CENTER.lon, ...DEMO_CITY }));
  return withGeoJson(graph, 'demo', 'demo city');
}

function withGeoJson(graph: RoadGraph, source: RoadNetwork['source'], name: string): RoadNetwork {
  let cached: string | undefined;
  return { graph, source, name, geoJson: () => (cached ??= roadsGeoJson(graph)) };
}

/** One line per road segment (a two-way street once, not twice); 6 decimals ≈ 10 cm. */
export function roadsGeoJson(graph: RoadGraph): string {
  const parts: string[] = [];
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  for (let e = 0; e < graph.edgeCount; e++) {
    const twin = graph.twin[e]!;
    if (twin !== NO_EDGE && twin < e) continue;
    const a = graph.sources[e]!;
    const b = graph.targets[e]!;
    const cls = ROAD_CLASSES[graph.roadClass[e]!] ?? 'unclassified';
    // Pedestrians keep the reverse edge of a oneway street, so ask the car's rule.
    const oneway = isOnewayFor(graph, e, 'car');
    parts.push(
      `{"type":"Feature","properties":{"class":"${cls}","oneway":${oneway}},"geometry":{"type":"LineString","coordinates":[[${r(graph.lon[a]!)},${r(graph.lat[a]!)}],[${r(graph.lon[b]!)},${r(graph.lat[b]!)}]]}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
}
