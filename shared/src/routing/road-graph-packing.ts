import { groupEdgesByNode } from './csr.js';
import { haversineM } from './geo-distance.js';
import { roadClassCode } from './road-classes.js';
import { NO_EDGE, type RoadGraph } from './road-graph.js';
import type { RoadNetworkInput } from './road-network-input.js';

/**
 * Second half of building: way segments (already resolved to graph node numbers) become
 * directed edges, sorted into forward and reverse CSR.
 */

export interface Segments {
  segA: number[];
  segB: number[];
  segWay: number[];
  segForward: number[];
  segBackward: number[];
}

interface EdgeLists {
  src: number[];
  dst: number[];
  length: number[];
  roadClass: number[];
  maxspeed: number[];
  access: number[];
  twin: number[];
}

export function collectEdges(input: RoadNetworkInput, graphIndex: Int32Array, lat: Float64Array, lon: Float64Array, s: Segments): EdgeLists {
  const out: EdgeLists = { src: [], dst: [], length: [], roadClass: [], maxspeed: [], access: [], twin: [] };
  const push = (a: number, b: number, meters: number, classCode: number, maxspeed: number, access: number): number => {
    out.src.push(a);
    out.dst.push(b);
    out.length.push(meters);
    out.roadClass.push(classCode);
    out.maxspeed.push(maxspeed);
    out.access.push(access);
    out.twin.push(-1);
    return out.src.length - 1;
  };
  for (let i = 0; i < s.segA.length; i++) {
    const way = input.ways[s.segWay[i]!]!;
    const a = graphIndex[s.segA[i]!]!;
    const b = graphIndex[s.segB[i]!]!;
    const meters = haversineM(lat[a]!, lon[a]!, lat[b]!, lon[b]!);
    const classCode = roadClassCode(way.roadClass);
    const maxspeed = Math.max(0, Math.min(255, Math.round(way.maxspeedKmh ?? 0)));
    const forward = s.segForward[i]! ? push(a, b, meters, classCode, maxspeed, s.segForward[i]!) : -1;
    const backward = s.segBackward[i]! ? push(b, a, meters, classCode, maxspeed, s.segBackward[i]!) : -1;
    if (forward >= 0 && backward >= 0) {
      out.twin[forward] = backward;
      out.twin[backward] = forward;
    }
  }
  return out;
}

export function packGraph(nodeCount: number, lat: Float64Array, lon: Float64Array, e: EdgeLists): RoadGraph {
  const edgeCount = e.src.length;
  const forward = groupEdgesByNode(e.src, edgeCount, nodeCount);
  const newIndexOfRaw = new Uint32Array(edgeCount);
  forward.order.forEach((raw, index) => (newIndexOfRaw[raw] = index));

  const targets = new Uint32Array(edgeCount);
  const sources = new Uint32Array(edgeCount);
  const twin = new Uint32Array(edgeCount);
  const lengthM = new Float32Array(edgeCount);
  const roadClass = new Uint8Array(edgeCount);
  const maxspeedKmh = new Uint8Array(edgeCount);
  const access = new Uint8Array(edgeCount);
  forward.order.forEach((raw, index) => {
    targets[index] = e.dst[raw]!;
    sources[index] = e.src[raw]!;
    const rawTwin = e.twin[raw]!;
    twin[index] = rawTwin >= 0 ? newIndexOfRaw[rawTwin]! : NO_EDGE;
    lengthM[index] = e.length[raw]!;
    roadClass[index] = e.roadClass[raw]!;
    maxspeedKmh[index] = e.maxspeed[raw]!;
    access[index] = e.access[raw]!;
  });

  const backward = groupEdgesByNode(targets, edgeCount, nodeCount);
  const reverseSources = new Uint32Array(edgeCount);
  backward.order.forEach((edge, slot) => (reverseSources[slot] = sources[edge]!));

  return {
    nodeCount,
    edgeCount,
    lat,
    lon,
    offsets: forward.offsets,
    targets,
    sources,
    twin,
    lengthM,
    roadClass,
    maxspeedKmh,
    access,
    reverse: { offsets: backward.offsets, sources: reverseSources, edges: backward.order },
  };
}
