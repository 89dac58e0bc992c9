import { buildRoadGraph, pointToPoint, type RoadGraph } from '@lianfang/shared/routing/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOsmFile, type OsmImport } from '../../../../src/modules/roads/osm/osm-import.js';
import { extractPath, hasExtract } from './osm-extracts.js';

const FILE = 'monaco.osm.pbf';

/** Well-known points (OSM coordinates of the squares, checked on the map). */
const PLACE_DU_CASINO = { lat: 43.7394, lon: 7.4282 };
const PRINCES_PALACE = { lat: 43.7314, lon: 7.4199 }; // Place du Palais

describe.skipIf(!hasExtract(FILE))(`Monaco extract (../shared/osm/${FILE})`, () => {
  let imported: OsmImport;
  let graph: RoadGraph;
  beforeAll(async () => {
    imported = await importOsmFile(extractPath(FILE));
    graph = buildRoadGraph(imported.network);
  });

  it('keeps the highway ways and skips the ~23k buildings', () => {
    // The file has 27,377 ways of which 2,927 are highway=* (README); a few are construction/raceway/rest_area.
    expect(imported.stats.waysRead).toBe(27_377);
    expect(imported.stats.routableWays).toBeGreaterThan(2_850);
    expect(imported.stats.routableWays).toBeLessThanOrEqual(2_927);
    const oneways = imported.network.ways.filter((w) => w.oneway !== 'no').length;
    // 700 highway ways carry a oneway tag (README): 646 say yes or -1, 54 say no; 48 untagged roundabouts imply it.
    expect(oneways).toBeGreaterThan(680);
    expect(oneways).toBeLessThanOrEqual(646 + 48);
    expect(imported.stats.nodesKept).toBeLessThan(imported.stats.nodesRead / 4);
  });

  it('builds a graph of the expected size', () => {
    expect(graph.nodeCount).toBeGreaterThan(20_000);
    expect(graph.nodeCount).toBeLessThan(30_000);
    expect(graph.edgeCount).toBeGreaterThan(45_000);
    expect(graph.edgeCount).toBeLessThan(60_000);
  });

  it('walks from Place du Casino to the Palace in 14–25 min', () => {
    // By hand: down Avenue d'Ostende to the port, along Boulevard Albert 1er, up Rampe Major:
    // about 1.5 km, 18 min at 5 km/h (1.1 km as the crow flies).
    const walk = pointToPoint(graph, PLACE_DU_CASINO, PRINCES_PALACE, { mode: 'foot' })!;
    expect(walk.meters).toBeGreaterThan(1_200);
    expect(walk.meters).toBeLessThan(2_000);
    expect(walk.seconds / 60).toBeGreaterThan(14);
    expect(walk.seconds / 60).toBeLessThan(25);
  });

  it('drives the Rock the long way up and the short way down (one-way system)', () => {
    // Up: round by Place d'Armes and Avenue de la Porte Neuve, ~2.5–3 km. Down: Avenue de la
    // Quarantaine (one-way down) to the port and Avenue d'Ostende, ~1.5 km.
    const up = pointToPoint(graph, PLACE_DU_CASINO, PRINCES_PALACE, { mode: 'car' })!;
    const down = pointToPoint(graph, PRINCES_PALACE, PLACE_DU_CASINO, { mode: 'car' })!;
    expect(up.meters).toBeGreaterThan(2_000);
    expect(up.meters).toBeLessThan(3_500);
    expect(up.seconds / 60).toBeGreaterThan(3);
    expect(up.seconds / 60).toBeLessThan(8);
    expect(down.meters).toBeGreaterThan(1_200);
    expect(down.meters).toBeLessThan(2_000);
    expect(down.seconds).toBeLessThan(up.seconds);
    // Blue lights shorten the same route by the factor.
    const urgent = pointToPoint(graph, PLACE_DU_CASINO, PRINCES_PALACE, { mode: 'car', emergencyFactor: 1.3 })!;
    expect(urgent.seconds).toBeCloseTo(up.seconds / 1.3, 0);
  });
});
