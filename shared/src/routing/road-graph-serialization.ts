import type { RoadGraph } from './road-graph.js';

/**
 * One ArrayBuffer holding the whole graph, for the server's disk cache: a 32-byte header,
 * then every array in a fixed order, each starting on an 8-byte boundary so that
 * deserializing creates views on the buffer instead of copying.
 */
const MAGIC = 0x4752464c; // "LFRG" little-endian
export const ROAD_GRAPH_FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

type ArrayKind = 'f64' | 'f32' | 'u32' | 'u8';
type Length = 'nodes' | 'nodes+1' | 'edges';

/** Field order in the buffer. Changing it means bumping ROAD_GRAPH_FORMAT_VERSION. */
const LAYOUT: ReadonlyArray<readonly [name: string, kind: ArrayKind, length: Length]> = [
  ['lat', 'f64', 'nodes'],
  ['lon', 'f64', 'nodes'],
  ['offsets', 'u32', 'nodes+1'],
  ['targets', 'u32', 'edges'],
  ['sources', 'u32', 'edges'],
  ['twin', 'u32', 'edges'],
  ['reverse.offsets', 'u32', 'nodes+1'],
  ['reverse.sources', 'u32', 'edges'],
  ['reverse.edges', 'u32', 'edges'],
  ['lengthM', 'f32', 'edges'],
  ['roadClass', 'u8', 'edges'],
  ['maxspeedKmh', 'u8', 'edges'],
  ['access', 'u8', 'edges'],
];

const BYTES: Record<ArrayKind, number> = { f64: 8, f32: 4, u32: 4, u8: 1 };
type AnyTypedArray = Float64Array | Float32Array | Uint32Array | Uint8Array;

function fieldOf(graph: RoadGraph, name: string): AnyTypedArray {
  switch (name) {
    case 'reverse.offsets':
      return graph.reverse.offsets;
    case 'reverse.sources':
      return graph.reverse.sources;
    case 'reverse.edges':
      return graph.reverse.edges;
    default:
      return graph[name as 'lat' | 'lon' | 'offsets' | 'targets' | 'sources' | 'twin' | 'lengthM' | 'roadClass' | 'maxspeedKmh' | 'access'];
  }
}

function elementCount(length: Length, nodes: number, edges: number): number {
  return length === 'nodes' ? nodes : length === 'nodes+1' ? nodes + 1 : edges;
}

const align8 = (n: number): number => (n + 7) & ~7;

export function serializeRoadGraph(graph: RoadGraph): ArrayBuffer {
  let size = HEADER_BYTES;
  for (const [, kind, length] of LAYOUT) size = align8(size + elementCount(length, graph.nodeCount, graph.edgeCount) * BYTES[kind]);
  const buffer = new ArrayBuffer(size);
  const header = new Uint32Array(buffer, 0, HEADER_BYTES / 4);
  header.set([MAGIC, ROAD_GRAPH_FORMAT_VERSION, graph.nodeCount, graph.edgeCount, size]);
  const bytes = new Uint8Array(buffer);
  let offset = HEADER_BYTES;
  for (const [name] of LAYOUT) {
    const array = fieldOf(graph, name);
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset = align8(offset + array.byteLength);
  }
  return buffer;
}

/**
 * Views the arrays in place (no copy). `byteOffset` must be a multiple of 8, which holds
 * for a buffer of its own or a Node Buffer read from a file.
 */
export function deserializeRoadGraph(buffer: ArrayBuffer, byteOffset = 0): RoadGraph {
  if (byteOffset % 8 !== 0) throw new RangeError('road graph buffer must start on an 8-byte boundary');
  if (buffer.byteLength - byteOffset < HEADER_BYTES) throw new RangeError('road graph buffer too short');
  const [magic, version, nodeCount, edgeCount, size] = new Uint32Array(buffer, byteOffset, 5);
  if (magic !== MAGIC) throw new RangeError('not a serialized road graph');
  if (version !== ROAD_GRAPH_FORMAT_VERSION) throw new RangeError(`road graph format ${version}, expected ${ROAD_GRAPH_FORMAT_VERSION}`);
  if (nodeCount === undefined || edgeCount === undefined || size === undefined || buffer.byteLength - byteOffset < size) {
    throw new RangeError('road graph buffer truncated');
  }
  const fields = new Map<string, AnyTypedArray>();
  let offset = byteOffset + HEADER_BYTES;
  for (const [name, kind, length] of LAYOUT) {
    const count = elementCount(length, nodeCount, edgeCount);
    fields.set(name, view(buffer, kind, offset, count));
    offset = byteOffset + align8(offset - byteOffset + count * BYTES[kind]);
  }
  const get = <T extends AnyTypedArray>(name: string): T => fields.get(name) as T;
  return {
    nodeCount,
    edgeCount,
    lat: get<Float64Array>('lat'),
    lon: get<Float64Array>('lon'),
    offsets: get<Uint32Array>('offsets'),
    targets: get<Uint32Array>('targets'),
    sources: get<Uint32Array>('sources'),
    twin: get<Uint32Array>('twin'),
    lengthM: get<Float32Array>('lengthM'),
    roadClass: get<Uint8Array>('roadClass'),
    maxspeedKmh: get<Uint8Array>('maxspeedKmh'),
    access: get<Uint8Array>('access'),
    reverse: {
      offsets: get<Uint32Array>('reverse.offsets'),
      sources: get<Uint32Array>('reverse.sources'),
      edges: get<Uint32Array>('reverse.edges'),
    },
  };
}

function view(buffer: ArrayBuffer, kind: ArrayKind, offset: number, count: number): AnyTypedArray {
  switch (kind) {
    case 'f64':
      return new Float64Array(buffer, offset, count);
    case 'f32':
      return new Float32Array(buffer, offset, count);
    case 'u32':
      return new Uint32Array(buffer, offset, count);
    case 'u8':
      return new Uint8Array(buffer, offset, count);
  }
}
