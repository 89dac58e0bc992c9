import Pbf from 'pbf';
import type { OsmReadStats, OsmRelationMember, OsmVisitor } from './osm-entities.js';
import { pbfBlocks } from './osm-pbf-blobs.js';

/** Features this reader understands; a file requiring anything else is refused rather than misread. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/**
 * Decodes an .osm.pbf held in memory: nodes (plain and dense) and ways with their tags, in
 * file order. Node tags and relations are decoded only when the visitor asks for them;
 * otherwise relations are counted and skipped.
 */
export function readOsmPbf(bytes: Uint8Array, visitor: OsmVisitor): OsmReadStats {
  const stats: OsmReadStats = { nodes: 0, ways: 0, relations: 0 };
  for (const block of pbfBlocks(bytes)) {
    if (block.type === 'OSMHeader') checkHeader(block.data);
    else if (block.type === 'OSMData') readPrimitiveBlock(block.data, visitor, stats);
  }
  return stats;
}

function checkHeader(data: Uint8Array): void {
  const required: string[] = [];
  new Pbf(data).readFields((tag, list: string[], pbf) => {
    if (tag === 4) list.push(pbf.readString());
  }, required);
  const missing = required.filter((feature) => !SUPPORTED_FEATURES.has(feature));
  if (missing.length > 0) throw new Error(`.osm.pbf requires unsupported features: ${missing.join(', ')}`);
}

interface BlockContext {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  /** [start, end) byte ranges of the PrimitiveGroups, decoded once the string table is known. */
  groups: number[];
}

function readPrimitiveBlock(data: Uint8Array, visitor: OsmVisitor, stats: OsmReadStats): void {
  const pbf = new Pbf(data);
  const block = pbf.readFields(readBlockField, { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] });
  for (let g = 0; g < block.groups.length; g += 2) {
    pbf.pos = block.groups[g]!;
    pbf.readFields(
      (tag, _: null, p) => {
        if (tag === 1) readNode(p, block, visitor, stats);
        else if (tag === 2) readDenseNodes(p, block, visitor, stats);
        else if (tag === 3) readWay(p, block, visitor, stats);
        else if (tag === 4) {
          stats.relations++;
          if (visitor.relation) readRelation(p, block, visitor);
          // otherwise left for readFields to skip
        }
      },
      null,
      block.groups[g + 1]!,
    );
  }
}

function readBlockField(tag: number, block: BlockContext, pbf: Pbf): void {
  if (tag === 1) {
    const end = pbf.readVarint() + pbf.pos;
    pbf.readFields(
      (t, strings: string[], p) => {
        if (t === 1) strings.push(p.readString());
      },
      block.strings,
      end,
    );
  } else if (tag === 2) {
    const length = pbf.readVarint();
    block.groups.push(pbf.pos, pbf.pos + length);
    pbf.pos += length;
  } else if (tag === 17) block.granularity = pbf.readVarint();
  else if (tag === 19) block.latOffset = pbf.readVarint(true);
  else if (tag === 20) block.lonOffset = pbf.readVarint(true);
}

const coordinate = (block: BlockContext, offset: number, value: number): number => 1e-9 * (offset + block.granularity * value);

function readDenseNodes(pbf: Pbf, block: BlockContext, visitor: OsmVisitor, stats: OsmReadStats): void {
  const end = pbf.readVarint() + pbf.pos;
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  // keys_vals: for each node, key/value string indexes in pairs, then a 0.
  const keysVals: number[] = [];
  const wantTags = visitor.taggedNode !== undefined;
  pbf.readFields(
    (tag, _: null, p) => {
      if (tag === 1) p.readPackedSVarint(ids);
      else if (tag === 8) p.readPackedSVarint(lats);
      else if (tag === 9) p.readPackedSVarint(lons);
      else if (tag === 10 && wantTags) p.readPackedVarint(keysVals);
    },
    null,
    end,
  );
  let id = 0;
  let lat = 0;
  let lon = 0;
  let kv = 0;
  for (let i = 0; i < ids.length; i++) {
    id += ids[i]!;
    lat += lats[i]!;
    lon += lons[i]!;
    const latitude = coordinate(block, block.latOffset, lat);
    const longitude = coordinate(block, block.lonOffset, lon);
    visitor.node?.(id, latitude, longitude);
    if (!wantTags || kv >= keysVals.length) continue;
    if (keysVals[kv] === 0) {
      kv++;
      continue;
    }
    const tags: Record<string, string> = {};
    while (kv < keysVals.length && keysVals[kv] !== 0) {
      tags[block.strings[keysVals[kv]!] ?? ''] = block.strings[keysVals[kv + 1] ?? 0] ?? '';
      kv += 2;
    }
    kv++;
    visitor.taggedNode?.(id, latitude, longitude, tags);
  }
  stats.nodes += ids.length;
}

function readNode(pbf: Pbf, block: BlockContext, visitor: OsmVisitor, stats: OsmReadStats): void {
  const node = pbf.readMessage(
    (tag, n: { id: number; lat: number; lon: number; keys: number[]; vals: number[] }, p) => {
      if (tag === 1) n.id = p.readSVarint();
      else if (tag === 2) p.readPackedVarint(n.keys);
      else if (tag === 3) p.readPackedVarint(n.vals);
      else if (tag === 8) n.lat = p.readSVarint();
      else if (tag === 9) n.lon = p.readSVarint();
    },
    { id: 0, lat: 0, lon: 0, keys: [], vals: [] },
  );
  const lat = coordinate(block, block.latOffset, node.lat);
  const lon = coordinate(block, block.lonOffset, node.lon);
  visitor.node?.(node.id, lat, lon);
  if (node.keys.length > 0) visitor.taggedNode?.(node.id, lat, lon, tagsOf(block, node.keys, node.vals));
  stats.nodes++;
}

function readWay(pbf: Pbf, block: BlockContext, visitor: OsmVisitor, stats: OsmReadStats): void {
  const raw = pbf.readMessage(
    (tag, w: { id: number; keys: number[]; vals: number[]; refs: number[] }, p) => {
      if (tag === 1) w.id = p.readVarint(true);
      else if (tag === 2) p.readPackedVarint(w.keys);
      else if (tag === 3) p.readPackedVarint(w.vals);
      else if (tag === 8) p.readPackedSVarint(w.refs);
    },
    { id: 0, keys: [], vals: [], refs: [] },
  );
  stats.ways++;
  if (!visitor.way) return;
  let ref = 0;
  const refs = raw.refs.map((delta) => (ref += delta));
  visitor.way({ id: raw.id, refs, tags: tagsOf(block, raw.keys, raw.vals) });
}

function tagsOf(block: BlockContext, keys: readonly number[], vals: readonly number[]): Record<string, string> {
  const tags: Record<string, string> = {};
  keys.forEach((key, i) => (tags[block.strings[key] ?? ''] = block.strings[vals[i] ?? 0] ?? ''));
  return tags;
}

const MEMBER_TYPES = ['node', 'way', 'relation'] as const;

function readRelation(pbf: Pbf, block: BlockContext, visitor: OsmVisitor): void {
  const raw = pbf.readMessage(
    (tag, r: { id: number; keys: number[]; vals: number[]; roles: number[]; memids: number[]; types: number[] }, p) => {
      if (tag === 1) r.id = p.readVarint(true);
      else if (tag === 2) p.readPackedVarint(r.keys);
      else if (tag === 3) p.readPackedVarint(r.vals);
      else if (tag === 8) p.readPackedVarint(r.roles);
      else if (tag === 9) p.readPackedSVarint(r.memids);
      else if (tag === 10) p.readPackedVarint(r.types);
    },
    { id: 0, keys: [], vals: [], roles: [], memids: [], types: [] },
  );
  let ref = 0;
  const members: OsmRelationMember[] = raw.memids.map((delta, i) => ({
    type: MEMBER_TYPES[raw.types[i] ?? 0] ?? 'node',
    ref: (ref += delta),
    role: block.strings[raw.roles[i] ?? 0] ?? '',
  }));
  visitor.relation?.({ id: raw.id, tags: tagsOf(block, raw.keys, raw.vals), members });
}
