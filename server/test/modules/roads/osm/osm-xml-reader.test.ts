import { buildRoadGraph, nodeToNode } from '@lianfang/shared/routing/index';
import { describe, expect, it } from 'vitest';
import type { OsmWay } from '../../../../src/modules/roads/osm/osm-entities.js';
import { importOsmXml } from '../../../../src/modules/roads/osm/osm-import.js';
import { OsmXmlReader } from '../../../../src/modules/roads/osm/osm-xml-reader.js';
import { SMALL_TOWN_OSM } from './small-town-osm.js';

function readInChunks(text: string, size: number): { nodes: number[]; ways: OsmWay[] } {
  const nodes: number[] = [];
  const ways: OsmWay[] = [];
  const reader = new OsmXmlReader({ node: (id) => nodes.push(id), way: (w) => ways.push(w) });
  for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
  reader.end();
  return { nodes, ways };
}

describe('OsmXmlReader', () => {
  it('reads nodes, ways, refs and decoded tags, whatever the chunk size', () => {
    const whole = readInChunks(SMALL_TOWN_OSM, SMALL_TOWN_OSM.length);
    expect(whole.nodes).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(whole.ways.map((w) => w.id)).toEqual([10, 11, 12, 13]);
    expect(whole.ways[0]!.tags).toMatchObject({ highway: 'residential', name: 'Rue des Fleurs & du Port' });
    expect(whole.ways[1]!.refs).toEqual([2, 5]);
    for (const size of [1, 7, 64]) expect(readInChunks(SMALL_TOWN_OSM, size)).toEqual(whole);
  });

  it('refuses a truncated file', () => {
    const reader = new OsmXmlReader({});
    reader.write(SMALL_TOWN_OSM.slice(0, SMALL_TOWN_OSM.indexOf('</way>')));
    expect(() => reader.end()).toThrow(/truncated/);
  });
});

describe('importOsmXml', () => {
  it('keeps routable highways and only the nodes they use', () => {
    const { network, stats } = importOsmXml(SMALL_TOWN_OSM);
    expect(stats).toMatchObject({ format: 'xml', nodesRead: 7, waysRead: 4, routableWays: 2, relationsSkipped: 1, nodesKept: 4 });
    expect(network.nodes.map((n) => n.id).sort()).toEqual([1, 2, 3, 5]);
    expect(network.ways.map((w) => w.oneway)).toEqual(['no', 'forward']);
  });

  it('builds a graph that honours the imported oneway', () => {
    const graph = buildRoadGraph(importOsmXml(SMALL_TOWN_OSM).network);
    const nodeAt = (lat: number, lon: number): number =>
      Array.from(graph.lat).findIndex((value, i) => Math.abs(value - lat) < 1e-9 && Math.abs(graph.lon[i]! - lon) < 1e-9);
    const [two, five] = [nodeAt(43.73, 7.421), nodeAt(43.729, 7.421)];
    expect(Math.min(two, five)).toBeGreaterThanOrEqual(0);
    expect(nodeToNode(graph, { mode: 'car' }, two, five).seconds).toBeLessThan(Infinity);
    expect(nodeToNode(graph, { mode: 'car' }, five, two).seconds).toBe(Infinity);
    expect(nodeToNode(graph, { mode: 'foot' }, five, two).seconds).toBeLessThan(Infinity);
  });
});
