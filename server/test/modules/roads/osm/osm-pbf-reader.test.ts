import { describe, expect, it } from 'vitest';
import type { OsmWay } from '../../../../src/modules/roads/osm/osm-entities.js';
import { importOsmPbf } from '../../../../src/modules/roads/osm/osm-import.js';
import { readOsmPbf } from '../../../../src/modules/roads/osm/osm-pbf-reader.js';
import { writeTinyPbf, type TinyOsm } from './tiny-pbf-writer.js';

const TOWN: TinyOsm = {
  nodes: [
    { id: 100, lat: 43.73, lon: 7.42 },
    { id: 105, lat: 43.7301, lon: 7.4212 },
    { id: 300_000_000_001, lat: 43.7302, lon: 7.4225 },
    { id: 300_000_000_002, lat: -33.9, lon: -151.2 },
  ],
  ways: [
    { id: 7, refs: [100, 105, 300_000_000_001], tags: { highway: 'residential', oneway: 'yes', name: 'Boulevard Albert 1er' } },
    { id: 8, refs: [100, 300_000_000_002, 105, 100], tags: { building: 'yes' } },
  ],
};

function read(bytes: Uint8Array): { nodes: Array<[number, number, number]>; ways: OsmWay[]; relations: number } {
  const nodes: Array<[number, number, number]> = [];
  const ways: OsmWay[] = [];
  const stats = readOsmPbf(bytes, { node: (id, lat, lon) => nodes.push([id, lat, lon]), way: (w) => ways.push(w) });
  return { nodes, ways, relations: stats.relations };
}

describe('readOsmPbf', () => {
  it.each(['zlib', 'raw'] as const)('decodes dense nodes, ways and tags from %s blobs, skipping relations', (compression) => {
    const { nodes, ways, relations } = read(writeTinyPbf({ ...TOWN, compression }));
    expect(nodes.map(([id]) => id)).toEqual(TOWN.nodes.map((n) => n.id));
    nodes.forEach(([, lat, lon], i) => {
      expect(lat).toBeCloseTo(TOWN.nodes[i]!.lat, 7);
      expect(lon).toBeCloseTo(TOWN.nodes[i]!.lon, 7);
    });
    expect(ways).toEqual(TOWN.ways);
    expect(relations).toBe(1);
  });

  it('refuses unsupported compression and required features instead of misreading', () => {
    expect(() => read(writeTinyPbf({ ...TOWN, compression: 'lzma' }))).toThrow(/unsupported .osm.pbf compression/);
    expect(() => read(writeTinyPbf({ ...TOWN, requiredFeatures: ['OsmSchema-V0.6', 'HistoricalInformation'] }))).toThrow(/HistoricalInformation/);
  });

  it('refuses a truncated file', () => {
    const bytes = writeTinyPbf(TOWN);
    expect(() => read(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });

  it('imports only the highway and the nodes it uses', () => {
    const { network, stats } = importOsmPbf(writeTinyPbf(TOWN));
    expect(stats).toMatchObject({ format: 'pbf', nodesRead: 4, waysRead: 2, routableWays: 1, nodesKept: 3 });
    expect(network.ways[0]).toMatchObject({ roadClass: 'residential', oneway: 'forward', nodeIds: [100, 105, 300_000_000_001] });
  });
});
