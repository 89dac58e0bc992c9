import { readFile } from 'node:fs/promises';
import type { OsmRelation, OsmTags, OsmVisitor, OsmWay } from '../osm/osm-entities.js';
import { OsmNodeStore } from '../osm/osm-node-store.js';
import { readOsmPbf } from '../osm/osm-pbf-reader.js';
import { readOsmXmlFile } from '../osm/osm-xml-reader.js';
import { featureBounds, type BasemapFeature, type BasemapSource } from './basemap-layers.js';
import { assembleRings, rewind } from './multipolygon-rings.js';
import { areaClass, boundaryClass, lineClass, placeClass, poiClass, type BasemapClass } from './osm-basemap-tags.js';

/**
 * Reads the basemap's features from an OSM extract with the road importer's own reader, in
 * two passes: the first finds the multipolygons and boundaries (relations come last in a
 * file) and the ways they use; the second builds every feature, keeping node ids only for
 * those member ways. XML extracts give streets and areas, but no POIs or relations.
 */
export async function collectOsmBasemap(path: string): Promise<BasemapSource> {
  if (!/\.pbf$/i.test(path)) {
    const collector = new FeatureCollector(new Map());
    await readOsmXmlFile(path, collector);
    return collector.finish();
  }
  const bytes = await readFile(path);
  const relations = new RelationFinder();
  readOsmPbf(bytes, relations);
  const collector = new FeatureCollector(relations.found);
  readOsmPbf(bytes, collector);
  return collector.finish();
}

interface AreaRelation {
  readonly kind: 'area' | 'boundary';
  readonly style: BasemapClass;
  readonly relation: OsmRelation;
}

class RelationFinder implements OsmVisitor {
  readonly found = new Map<number, AreaRelation>();

  relation(relation: OsmRelation): void {
    const type = relation.tags.type;
    if (type === 'multipolygon') {
      const style = areaClass(relation.tags);
      if (style) this.found.set(relation.id, { kind: 'area', style, relation });
    } else if (type === 'boundary' && relation.tags.boundary === 'administrative') {
      const style = boundaryClass(relation.tags);
      if (style) this.found.set(relation.id, { kind: 'boundary', style, relation });
    }
  }
}

class FeatureCollector implements OsmVisitor {
  private readonly nodes = new OsmNodeStore();
  private readonly features: BasemapFeature[] = [];
  /** Node ids of the ways that relations use, and the lowest admin level each boundary way has. */
  private readonly memberWays = new Map<number, number[] | null>();
  private readonly boundaryLevel = new Map<number, number>();
  private readonly relations: ReadonlyMap<number, AreaRelation>;

  constructor(relations: ReadonlyMap<number, AreaRelation>) {
    this.relations = relations;
    for (const { kind, style, relation } of relations.values()) {
      for (const m of relation.members) {
        if (m.type !== 'way') continue;
        this.memberWays.set(m.ref, null);
        if (kind === 'boundary') {
          const level = Number(style.properties.admin_level);
          this.boundaryLevel.set(m.ref, Math.min(level, this.boundaryLevel.get(m.ref) ?? level));
        }
      }
    }
  }

  node(id: number, lat: number, lon: number): void {
    this.nodes.add(id, lat, lon);
  }

  taggedNode(_id: number, lat: number, lon: number, tags: OsmTags): void {
    const style = poiClass(tags) ?? placeClass(tags);
    if (style) this.features.push({ ...style, geometry: { type: 'Point', coordinates: [round(lon), round(lat)] } });
  }

  way(way: OsmWay): void {
    if (this.memberWays.has(way.id)) this.memberWays.set(way.id, [...way.refs]);
    const line = lineClass(way.tags);
    const closed = way.refs.length >= 4 && way.refs[0] === way.refs[way.refs.length - 1];
    const area = closed && !line ? areaClass(way.tags) : null;
    if (!line && !area && !way.tags.name) return;
    const coords = this.coordinates(way.refs);
    if (coords.length < 2) return;
    // A boundary way that a relation also draws is drawn once, by the relation pass.
    if (line && !(line.layer === 'boundary' && this.boundaryLevel.has(way.id))) {
      this.features.push({ ...line, geometry: { type: 'LineString', coordinates: coords } });
    }
    if (area && coords.length >= 4) this.features.push({ ...area, geometry: { type: 'Polygon', coordinates: [rewind(coords, true)] } });
    // A named hospital, school or market mapped as an area gets its label in the middle.
    const poi = closed ? poiClass(way.tags) : null;
    if (poi) this.features.push({ ...poi, geometry: { type: 'Point', coordinates: centre(coords) } });
  }

  finish(): BasemapSource {
    for (const [wayId, level] of this.boundaryLevel) {
      const refs = this.memberWays.get(wayId);
      const coords = refs ? this.coordinates(refs) : [];
      if (coords.length >= 2)
        this.features.push({ layer: 'boundary', minzoom: 10, properties: { admin_level: level }, geometry: { type: 'LineString', coordinates: coords } });
    }
    for (const { kind, style, relation } of this.relations.values()) {
      if (kind === 'area') this.addMultipolygon(style, relation);
    }
    return { features: this.features, bounds: featureBounds(this.features), openStreetMap: true };
  }

  private addMultipolygon(style: BasemapClass, relation: OsmRelation): void {
    const ringsOf = (role: 'outer' | 'inner'): [number, number][][] =>
      assembleRings(
        relation.members
          .filter((m) => m.type === 'way' && (m.role === role || (role === 'outer' && m.role === '')))
          .map((m) => this.memberWays.get(m.ref) ?? [])
          .filter((refs) => refs.length > 0),
      )
        .map((ring) => this.coordinates(ring))
        .filter((ring) => ring.length >= 4);
    const outers = ringsOf('outer');
    if (outers.length === 0) return;
    const inners = ringsOf('inner').map((ring) => rewind(ring, false));
    // Holes go with the only outer; with several outers, a hole's owner would need a
    // point-in-polygon test, and a filled hole is a lesser error than a lost lake.
    const geometry =
      outers.length === 1
        ? { type: 'Polygon' as const, coordinates: [rewind(outers[0]!, true), ...inners] }
        : { type: 'MultiPolygon' as const, coordinates: outers.map((ring) => [rewind(ring, true)]) };
    this.features.push({ ...style, geometry });
  }

  private coordinates(refs: readonly number[]): [number, number][] {
    const out: [number, number][] = [];
    for (const ref of refs) {
      const index = this.nodes.indexOf(ref);
      if (index >= 0) out.push([round(this.nodes.lon(index)), round(this.nodes.lat(index))]);
    }
    return out;
  }
}

/** 7 decimals: the precision OSM stores, so no rounding error is added. */
const round = (v: number): number => Math.round(v * 1e7) / 1e7;

function centre(coords: readonly [number, number][]): [number, number] {
  let lon = 0;
  let lat = 0;
  const n = coords.length - 1; // the closing node repeats the first
  for (let i = 0; i < n; i++) {
    lon += coords[i]![0];
    lat += coords[i]![1];
  }
  return [round(lon / n), round(lat / n)];
}
