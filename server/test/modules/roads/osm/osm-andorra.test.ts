import { buildRoadGraph, pointToPoint, type RoadGraph } from '@lianfang/shared/routing/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOsmFile, type OsmImport } from '../../../../src/modules/roads/osm/osm-import.js';
import { extractPath, hasExtract } from './osm-extracts.js';

const FILE = 'andorra.osm.pbf';

const ANDORRA_LA_VELLA = { lat: 42.5063, lon: 1.5218 }; // Plaça del Poble
const ENCAMP = { lat: 42.5347, lon: 1.5834 };
const PAS_DE_LA_CASA = { lat: 42.5427, lon: 1.7335 };

describe.skipIf(!hasExtract(FILE))(`Andorra extract (../shared/osm/${FILE})`, () => {
  let imported: OsmImport;
  let graph: RoadGraph;
  beforeAll(async () => {
    imported = await importOsmFile(extractPath(FILE));
    graph = buildRoadGraph(imported.network);
  });

  it('keeps the highway ways and the nodes they use', () => {
    // 4,611 highway ways in the file (README); raceways and rest areas are dropped.
    expect(imported.stats.routableWays).toBeGreaterThan(4_550);
    expect(imported.stats.routableWays).toBeLessThanOrEqual(4_611);
    expect(imported.stats.relationsSkipped).toBeGreaterThan(0);
    expect(imported.stats.missingNodeRefs).toBe(0);
  });

  it('builds a graph of the expected size (about 200k edges)', () => {
    expect(graph.nodeCount).toBeGreaterThan(90_000);
    expect(graph.nodeCount).toBeLessThan(110_000);
    expect(graph.edgeCount).toBeGreaterThan(180_000);
    expect(graph.edgeCount).toBeLessThan(220_000);
  });

  it('drives Andorra la Vella → Encamp up the CG-2 valley road in 7–13 min', () => {
    // By hand: Av. Meritxell, Escaldes, CG-2 to Encamp: ~7 km at 40–60 km/h.
    const trip = pointToPoint(graph, ANDORRA_LA_VELLA, ENCAMP, { mode: 'car' })!;
    expect(trip.meters).toBeGreaterThan(6_000);
    expect(trip.meters).toBeLessThan(8_500);
    expect(trip.seconds / 60).toBeGreaterThan(7);
    expect(trip.seconds / 60).toBeLessThan(13);
  });

  it('drives Andorra la Vella → Pas de la Casa over the Envalira in 25–50 min', () => {
    // By hand: CG-2 through Encamp, Canillo and Soldeu, then the Envalira tunnel or pass: 27–38 km.
    const trip = pointToPoint(graph, ANDORRA_LA_VELLA, PAS_DE_LA_CASA, { mode: 'car' })!;
    expect(trip.meters).toBeGreaterThan(25_000);
    expect(trip.meters).toBeLessThan(40_000);
    expect(trip.seconds / 60).toBeGreaterThan(25);
    expect(trip.seconds / 60).toBeLessThan(50);
  });
});
