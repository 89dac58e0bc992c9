import { inflateSync } from 'node:zlib';
import Pbf from 'pbf';

/**
 * File framing of .osm.pbf: repeated [4-byte big-endian length][BlobHeader][Blob]; the
 * Blob holds one zlib-compressed (or raw) OSMHeader or OSMData block.
 * https://wiki.openstreetmap.org/wiki/PBF_Format
 */
export interface PbfBlock {
  readonly type: string;
  readonly data: Uint8Array;
}

export function* pbfBlocks(bytes: Uint8Array): Generator<PbfBlock> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Pbf builds its DataView on the whole ArrayBuffer, ignoring byteOffset; only varint and
  // length-delimited fields are read here, which index `buf` directly and are unaffected.
  const pbf = new Pbf(bytes);
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) throw new Error('truncated .osm.pbf: incomplete blob length');
    const headerLength = view.getUint32(pos);
    pos += 4;
    pbf.pos = pos;
    const header = pbf.readFields(readBlobHeader, { type: '', datasize: 0 }, pos + headerLength);
    pos += headerLength;
    if (pos + header.datasize > bytes.length) throw new Error('truncated .osm.pbf: blob extends past the end');
    pbf.pos = pos;
    const blob = pbf.readFields(readBlob, { raw: null, zlib: null, unsupported: false }, pos + header.datasize);
    pos += header.datasize;
    yield { type: header.type, data: blobData(blob) };
  }
}

interface BlobHeader {
  type: string;
  datasize: number;
}

interface Blob {
  raw: Uint8Array | null;
  zlib: Uint8Array | null;
  unsupported: boolean;
}

function readBlobHeader(tag: number, header: BlobHeader, pbf: Pbf): void {
  if (tag === 1) header.type = pbf.readString();
  else if (tag === 3) header.datasize = pbf.readVarint();
}

function readBlob(tag: number, blob: Blob, pbf: Pbf): void {
  if (tag === 1) blob.raw = pbf.readBytes();
  else if (tag === 3) blob.zlib = pbf.readBytes();
  else if (tag === 4 || tag === 5 || tag === 6 || tag === 7) blob.unsupported = true; // lzma, bzip2, lz4, zstd
}

function blobData(blob: Blob): Uint8Array {
  if (blob.raw) return blob.raw;
  if (blob.zlib) return inflateSync(blob.zlib);
  throw new Error(blob.unsupported ? 'unsupported .osm.pbf compression (only zlib and raw are read)' : 'empty .osm.pbf blob');
}
