import { readFile } from 'node:fs/promises';
import type { RoadNetworkInput, RoadNodeInput, RoadWayInput } from '@lianfang/shared/routing/index';
import type { OsmReadStats, OsmVisitor } from './osm-entities.js';
import { OsmNodeStore } from './osm-node-store.js';
import { readOsmPbf } from './osm-pbf-reader.js';
import { readOsmXml, readOsmXmlFile } from './osm-xml-reader.js';
import { roadWayFromTags } from './osm-way-tags.js';

/** Bump when tag interpretation changes, so cached graphs built by older rules are rebuilt. */
export const OSM_IMPORTER_VERSION = 1;

export interface OsmImportStats {
  readonly format: 'pbf' | 'xml';
  readonly nodesRead: number;
  readonly waysRead: number;
  readonly relationsSkipped: number;
  readonly routableWays: number;
  /** Nodes used by routable ways: the only ones handed on. */
  readonly nodesKept: number;
  /** Way references to nodes the file does not contain (extract borders). */
  readonly missingNodeRefs: number;
  readonly durationMs: number;
}

export interface OsmImport {
  readonly network: RoadNetworkInput;
  readonly stats: OsmImportStats;
}

/** Imports an .osm.pbf, or .osm / .osm.xml, keeping only routable `highway=*` ways and the nodes they use. */
export async function importOsmFile(path: string): Promise<OsmImport> {
  const started = performance.now();
  const collector = new RoadCollector();
  if (/\.pbf$/i.test(path)) {
    const stats = readOsmPbf(await readFile(path), collector);
    return collector.finish('pbf', stats, started);
  }
  const stats = await readOsmXmlFile(path, collector);
  return collector.finish('xml', stats, started);
}

export function importOsmPbf(bytes: Uint8Array): OsmImport {
  const started = performance.now();
  const collector = new RoadCollector();
  return collector.finish('pbf', readOsmPbf(bytes, collector), started);
}

export function importOsmXml(text: string): OsmImport {
  const started = performance.now();
  const collector = new RoadCollector();
  return collector.finish('xml', readOsmXml(text, collector), started);
}

/** Keeps every node's coordinates (ways usually come after nodes) and the routable ways. */
class RoadCollector implements OsmVisitor {
  private readonly store = new OsmNodeStore();
  private readonly ways: RoadWayInput[] = [];

  node(id: number, lat: number, lon: number): void {
    this.store.add(id, lat, lon);
  }

  way(way: { id: number; refs: readonly number[]; tags: Readonly<Record<string, string>> }): void {
    const road = roadWayFromTags(way.id, way.refs, way.tags);
    if (road) this.ways.push(road);
  }

  finish(format: 'pbf' | 'xml', read: OsmReadStats, started: number): OsmImport {
    const nodes: RoadNodeInput[] = [];
    const kept = new Set<number>();
    let missingNodeRefs = 0;
    for (const way of this.ways) {
      for (const id of way.nodeIds) {
        if (kept.has(id)) continue;
        const index = this.store.indexOf(id);
        if (index < 0) {
          missingNodeRefs++;
          continue;
        }
        kept.add(id);
        nodes.push({ id, lat: this.store.lat(index), lon: this.store.lon(index) });
      }
    }
    return {
      network: { nodes, ways: this.ways },
      stats: {
        format,
        nodesRead: read.nodes,
        waysRead: read.ways,
        relationsSkipped: read.relations,
        routableWays: this.ways.length,
        nodesKept: nodes.length,
        missingNodeRefs,
        durationMs: performance.now() - started,
      },
    };
  }
}
