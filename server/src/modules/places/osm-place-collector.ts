import { readFile } from 'node:fs/promises';
import type { OsmTags, OsmVisitor, OsmWay } from '../roads/osm/osm-entities.js';
import { OsmNodeStore } from '../roads/osm/osm-node-store.js';
import { readOsmPbf } from '../roads/osm/osm-pbf-reader.js';
import { readOsmXmlFile } from '../roads/osm/osm-xml-reader.js';
import type { NamedLine, PointSource } from './place-source.js';

/** Street importance by `highway=*`: the bigger road is named first at a crossing ("中山东路与碑亭巷交叉口"). */
const HIGHWAY_RANK: Readonly<Record<string, number>> = {
  motorway: 0,
  trunk: 1,
  primary: 2,
  secondary: 3,
  tertiary: 4,
  unclassified: 5,
  residential: 6,
  living_street: 7,
  pedestrian: 7,
  service: 8,
};
const OTHER_HIGHWAY_RANK = 9;

/** Tags that make a named node or way a place people ask for (a shop, a school, a bus stop, a square). */
const POI_KEYS = [
  'amenity',
  'shop',
  'tourism',
  'leisure',
  'office',
  'public_transport',
  'railway',
  'station',
  'historic',
  'building',
  'place',
  'healthcare',
  'craft',
  'man_made',
];

const englishName = (tags: OsmTags): string | null => tags['name:en'] ?? null;
/** The local name; an extract of a Chinese city sometimes has only `name:zh`. */
const localName = (tags: OsmTags): string | undefined => tags.name ?? tags['name:zh'] ?? tags['name:zh-Hans'];

export interface OsmPlaces {
  readonly lines: NamedLine[];
  readonly pois: PointSource[];
  readonly addresses: PointSource[];
}

/** One pass over the extract for what the road import drops: names, POIs and `addr:*`. */
export class OsmPlaceCollector implements OsmVisitor {
  private readonly store = new OsmNodeStore();
  private readonly lines: NamedLine[] = [];
  private readonly pois: PointSource[] = [];
  private readonly addresses: PointSource[] = [];
  /** ways that are POIs or addresses: placed at their nodes' centre once all nodes are known */
  private readonly areas: { tags: OsmTags; refs: readonly number[] }[] = [];

  node(id: number, lat: number, lon: number): void {
    this.store.add(id, lat, lon);
  }

  taggedNode(_id: number, lat: number, lon: number, tags: OsmTags): void {
    this.addPointPlace(tags, lat, lon);
  }

  way(way: OsmWay): void {
    const name = localName(way.tags);
    if (way.tags.highway && name) {
      this.lines.push({
        name,
        nameEn: englishName(way.tags),
        rank: HIGHWAY_RANK[way.tags.highway.replace(/_link$/, '')] ?? OTHER_HIGHWAY_RANK,
        coords: [],
        nodeIds: [...way.refs],
      });
    } else if (name || way.tags['addr:housenumber']) {
      this.areas.push({ tags: way.tags, refs: way.refs });
    }
  }

  finish(): OsmPlaces {
    for (const line of this.lines) {
      const kept: number[] = [];
      for (const id of line.nodeIds) {
        const i = this.store.indexOf(id);
        if (i < 0) continue; // beyond the extract's border
        line.coords.push(this.store.lon(i), this.store.lat(i));
        kept.push(id);
      }
      line.nodeIds.length = 0;
      line.nodeIds.push(...kept);
    }
    for (const area of this.areas) {
      const centre = this.centreOf(area.refs);
      if (centre) this.addPointPlace(area.tags, centre.lat, centre.lon);
    }
    return { lines: this.lines.filter((l) => l.coords.length >= 4), pois: this.pois, addresses: this.addresses };
  }

  private addPointPlace(tags: OsmTags, lat: number, lon: number): void {
    const name = localName(tags);
    if (name && POI_KEYS.some((key) => tags[key] !== undefined)) this.pois.push({ name, nameEn: englishName(tags), lat, lon });
    const number = tags['addr:housenumber'];
    const street = tags['addr:street'];
    if (number && street) this.addresses.push({ name: addressText(street, number), nameEn: `${number} ${street}`, lat, lon });
  }

  private centreOf(refs: readonly number[]): { lat: number; lon: number } | null {
    let lat = 0;
    let lon = 0;
    let n = 0;
    for (const id of refs) {
      const i = this.store.indexOf(id);
      if (i < 0) continue;
      lat += this.store.lat(i);
      lon += this.store.lon(i);
      n++;
    }
    return n === 0 ? null : { lat: lat / n, lon: lon / n };
  }
}

/** "中山东路18号" for a Chinese street, "Carrer Major 18" elsewhere. */
function addressText(street: string, number: string): string {
  return /\p{Script=Han}$/u.test(street) ? `${street}${number}号` : `${street} ${number}`;
}

/** Reads an .osm.pbf or .osm XML file with the project's OSM readers. */
export async function collectOsmPlaces(path: string): Promise<OsmPlaces> {
  const collector = new OsmPlaceCollector();
  if (/\.pbf$/i.test(path)) readOsmPbf(await readFile(path), collector);
  else await readOsmXmlFile(path, collector);
  return collector.finish();
}
