import { readFile } from 'node:fs/promises';
import type { StationKind } from '@lianfang/shared';
import { assembleRings } from '../../roads/basemap/multipolygon-rings.js';
import type { OsmRelation, OsmTags, OsmVisitor, OsmWay } from '../../roads/osm/osm-entities.js';
import { OsmNodeStore } from '../../roads/osm/osm-node-store.js';
import { readOsmPbf } from '../../roads/osm/osm-pbf-reader.js';
import { readOsmXmlFile } from '../../roads/osm/osm-xml-reader.js';
import { roadWayFromTags } from '../../roads/osm/osm-way-tags.js';
import { osmNameOf, stationKindOf } from './station-pois.js';

/** An administrative boundary whose outer ways are all in the extract and close into rings. */
export interface DraftBoundary {
  readonly relationId: number;
  readonly name: string;
  readonly adminLevel: number;
  /** closed [lon, lat] rings, 7 decimals (as OSM stores them, so shared borders stay identical) */
  readonly outers: [number, number][][];
}

export interface DraftPoi {
  /** `N<id>` or `W<id>`: the OSM element, so the same extract always gives the same code */
  readonly osmId: string;
  readonly name: string | null;
  readonly kind: StationKind;
  readonly lon: number;
  readonly lat: number;
}

export interface OsmDraftSource {
  readonly boundaries: DraftBoundary[];
  readonly pois: DraftPoi[];
  /** every node of a routable road as [lon, lat, lon, lat, …]: where the road network is */
  readonly roadPoints: number[];
}

/**
 * Reads what a geography draft needs from the ROAD_NETWORK extract with the road importer's own
 * reader, in two passes as the basemap does: the boundary relations first (they come last in a
 * file), then nodes and ways, keeping node ids only for the boundaries' member ways. XML extracts
 * have no relations for this reader: they give stations and roads only (so a tiling).
 */
export async function collectDraftSource(path: string): Promise<OsmDraftSource> {
  if (!/\.pbf$/i.test(path)) {
    const collector = new DraftCollector([]);
    await readOsmXmlFile(path, collector);
    return collector.finish();
  }
  const bytes = await readFile(path);
  const finder: OsmRelation[] = [];
  readOsmPbf(bytes, {
    relation: (r) => {
      if (r.tags.boundary === 'administrative' && (r.tags.type === 'boundary' || r.tags.type === 'multipolygon') && adminLevelOf(r.tags) !== null)
        finder.push(r);
    },
  });
  const collector = new DraftCollector(finder);
  readOsmPbf(bytes, collector);
  return collector.finish();
}

const adminLevelOf = (tags: OsmTags): number | null => {
  const level = Number(tags.admin_level);
  return Number.isInteger(level) && level >= 1 ? level : null;
};

const round = (v: number): number => Math.round(v * 1e7) / 1e7;

class DraftCollector implements OsmVisitor {
  private readonly nodes = new OsmNodeStore();
  private readonly memberWays = new Map<number, number[] | null>();
  private readonly pois: DraftPoi[] = [];
  private readonly roadPoints: number[] = [];

  constructor(private readonly relations: readonly OsmRelation[]) {
    for (const r of relations) for (const m of r.members) if (m.type === 'way') this.memberWays.set(m.ref, null);
  }

  node(id: number, lat: number, lon: number): void {
    this.nodes.add(id, lat, lon);
  }

  taggedNode(id: number, lat: number, lon: number, tags: OsmTags): void {
    const kind = stationKindOf(tags);
    if (kind) this.pois.push({ osmId: `N${id}`, name: osmNameOf(tags), kind, lon: round(lon), lat: round(lat) });
  }

  way(way: OsmWay): void {
    if (this.memberWays.has(way.id)) this.memberWays.set(way.id, [...way.refs]);
    // Nodes come before ways in a file: the road's points and an area's centre are known now.
    if (roadWayFromTags(way.id, way.refs, way.tags)) {
      for (const ref of way.refs) {
        const i = this.nodes.indexOf(ref);
        if (i >= 0) this.roadPoints.push(this.nodes.lon(i), this.nodes.lat(i));
      }
    }
    const kind = stationKindOf(way.tags);
    const centre = kind ? this.centreOf(way.refs) : null;
    if (kind && centre) this.pois.push({ osmId: `W${way.id}`, name: osmNameOf(way.tags), kind, ...centre });
  }

  finish(): OsmDraftSource {
    const boundaries: DraftBoundary[] = [];
    for (const r of this.relations) {
      const boundary = this.boundaryOf(r);
      if (boundary) boundaries.push(boundary);
    }
    return { boundaries, pois: this.pois, roadPoints: this.roadPoints };
  }

  /** Null when any outer way or node is missing (a boundary cut by the extract's border) or a ring stays open. */
  private boundaryOf(r: OsmRelation): DraftBoundary | null {
    const name = osmNameOf(r.tags);
    const adminLevel = adminLevelOf(r.tags);
    const outerWays = r.members.filter((m) => m.type === 'way' && (m.role === 'outer' || m.role === ''));
    if (!name || adminLevel === null || outerWays.length === 0) return null;
    const refs: number[][] = [];
    for (const m of outerWays) {
      const way = this.memberWays.get(m.ref);
      if (!way || way.some((ref) => this.nodes.indexOf(ref) < 0)) return null;
      refs.push(way);
    }
    const rings = assembleRings(refs);
    const used = rings.reduce((n, ring) => n + ring.length - 1, 0);
    const needed = refs.reduce((n, way) => n + way.length - 1, 0);
    if (rings.length === 0 || used !== needed) return null; // some way did not close into a ring
    const outers = rings.map((ring) =>
      ring.map((ref): [number, number] => {
        const i = this.nodes.indexOf(ref);
        return [round(this.nodes.lon(i)), round(this.nodes.lat(i))];
      }),
    );
    return { relationId: r.id, name, adminLevel, outers };
  }

  private centreOf(refs: readonly number[]): { lon: number; lat: number } | null {
    let lon = 0;
    let lat = 0;
    let n = 0;
    // A closed way repeats its first node: count it once.
    const open = refs.length > 1 && refs[0] === refs[refs.length - 1] ? refs.slice(0, -1) : refs;
    for (const ref of open) {
      const i = this.nodes.indexOf(ref);
      if (i < 0) continue;
      lon += this.nodes.lon(i);
      lat += this.nodes.lat(i);
      n++;
    }
    return n === 0 ? null : { lon: round(lon / n), lat: round(lat / n) };
  }
}
