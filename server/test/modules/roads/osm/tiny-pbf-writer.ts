import { deflateSync } from 'node:zlib';
import Pbf from 'pbf';

/**
 * Writes a minimal .osm.pbf in memory (header block + one data block) so the reader is
 * tested on every machine, not only where the real extracts are. Field numbers follow
 * osmformat.proto / fileformat.proto.
 */
export interface TinyOsm {
  nodes: Array<{ id: number; lat: number; lon: number }>;
  ways: Array<{ id: number; refs: number[]; tags: Record<string, string> }>;
  compression?: 'zlib' | 'raw' | 'lzma';
  requiredFeatures?: string[];
}

export function writeTinyPbf(osm: TinyOsm): Uint8Array {
  const header = message((pbf) => {
    for (const feature of osm.requiredFeatures ?? ['OsmSchema-V0.6', 'DenseNodes']) pbf.writeStringField(4, feature);
  });
  return concat([frame('OSMHeader', header, osm.compression ?? 'zlib'), frame('OSMData', primitiveBlock(osm), osm.compression ?? 'zlib')]);
}

function primitiveBlock(osm: TinyOsm): Uint8Array {
  const strings = [''];
  const index = (s: string): number => {
    const at = strings.indexOf(s);
    return at >= 0 ? at : strings.push(s) - 1;
  };
  const ways = osm.ways.map((w) => ({ ...w, keys: Object.keys(w.tags).map(index), vals: Object.values(w.tags).map(index) }));
  const granularity = 100;
  const delta = (values: number[]): number[] => values.map((v, i) => v - (i > 0 ? values[i - 1]! : 0));
  const dense = message((pbf) => {
    pbf.writePackedSVarint(1, delta(osm.nodes.map((n) => n.id)));
    pbf.writePackedSVarint(8, delta(osm.nodes.map((n) => Math.round(n.lat / 1e-9 / granularity))));
    pbf.writePackedSVarint(9, delta(osm.nodes.map((n) => Math.round(n.lon / 1e-9 / granularity))));
  });
  return message((pbf) => {
    pbf.writeBytesField(
      1,
      message((table) => strings.forEach((s) => table.writeBytesField(1, new TextEncoder().encode(s)))),
    );
    pbf.writeBytesField(
      2,
      message((group) => group.writeBytesField(2, dense)),
    );
    pbf.writeBytesField(
      2,
      message((group) => {
        for (const w of ways) {
          group.writeBytesField(
            3,
            message((way) => {
              way.writeVarintField(1, w.id);
              way.writePackedVarint(2, w.keys);
              way.writePackedVarint(3, w.vals);
              way.writePackedSVarint(8, delta(w.refs));
            }),
          );
        }
        group.writeBytesField(
          4,
          message((relation) => relation.writeVarintField(1, 99)),
        ); // must be skipped
      }),
    );
    pbf.writeVarintField(17, granularity);
  });
}

function frame(type: string, data: Uint8Array, compression: 'zlib' | 'raw' | 'lzma'): Uint8Array {
  const blob = message((pbf) => {
    if (compression === 'raw') pbf.writeBytesField(1, data);
    else if (compression === 'zlib') pbf.writeBytesField(3, deflateSync(data));
    else pbf.writeBytesField(4, data);
    pbf.writeVarintField(2, data.length);
  });
  const header = message((pbf) => {
    pbf.writeStringField(1, type);
    pbf.writeVarintField(3, blob.length);
  });
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, header.length);
  return concat([length, header, blob]);
}

function message(write: (pbf: Pbf) => void): Uint8Array {
  const pbf = new Pbf();
  write(pbf);
  return pbf.finish();
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
