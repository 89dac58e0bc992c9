import type { RoadGraph } from './road-graph.js';
import { collectEdges, packGraph } from './road-graph-packing.js';
import type { RoadNetworkInput, RoadWayInput } from './road-network-input.js';
import { spatialNodeOrder } from './spatial-node-order.js';
import { TRAVEL_MODES, MODE_BIT, defaultAccessMask } from './travel-modes.js';

export interface RoadGraphBuildStats {
  readonly waysUsed: number;
  readonly segments: number;
  /** Way node references with no node in the input (ways clipped at an extract's border). */
  readonly missingNodeRefs: number;
}

export function buildRoadGraph(input: RoadNetworkInput): RoadGraph {
  return buildRoadGraphWithStats(input).graph;
}

/**
 * Builds the compact graph. Each consecutive node pair of a way is one segment; it yields an
 * edge in each direction some mode may use. Nodes no way uses are dropped, and the kept ones
 * are renumbered along a space-filling curve for cache locality.
 */
export function buildRoadGraphWithStats(input: RoadNetworkInput): { graph: RoadGraph; stats: RoadGraphBuildStats } {
  const inputIndex = new Map<number, number>();
  input.nodes.forEach((node, index) => inputIndex.set(node.id, index));

  const segA: number[] = [];
  const segB: number[] = [];
  const segWay: number[] = [];
  const segForward: number[] = [];
  const segBackward: number[] = [];
  let missingNodeRefs = 0;
  let waysUsed = 0;

  input.ways.forEach((way, wayIndex) => {
    const { forward, backward } = directionMasks(way);
    if ((forward | backward) === 0) return;
    let previous = -1;
    let used = false;
    for (const id of way.nodeIds) {
      const current = inputIndex.get(id);
      if (current === undefined) {
        missingNodeRefs++;
        previous = -1;
        continue;
      }
      if (previous >= 0 && previous !== current) {
        segA.push(previous);
        segB.push(current);
        segWay.push(wayIndex);
        segForward.push(forward);
        segBackward.push(backward);
        used = true;
      }
      previous = current;
    }
    if (used) waysUsed++;
  });

  const graphIndexOfInput = new Int32Array(input.nodes.length).fill(-1);
  const usedInputNodes: number[] = [];
  for (const list of [segA, segB]) {
    for (const index of list) {
      if (graphIndexOfInput[index] === -1) {
        graphIndexOfInput[index] = 0;
        usedInputNodes.push(index);
      }
    }
  }
  const nodeCount = usedInputNodes.length;
  const rawLat = usedInputNodes.map((i) => input.nodes[i]!.lat);
  const rawLon = usedInputNodes.map((i) => input.nodes[i]!.lon);
  const order = spatialNodeOrder(rawLat, rawLon, nodeCount);
  const lat = new Float64Array(nodeCount);
  const lon = new Float64Array(nodeCount);
  order.forEach((old, index) => {
    graphIndexOfInput[usedInputNodes[old]!] = index;
    lat[index] = rawLat[old]!;
    lon[index] = rawLon[old]!;
  });

  const edges = collectEdges(input, graphIndexOfInput, lat, lon, { segA, segB, segWay, segForward, segBackward });
  const graph = packGraph(nodeCount, lat, lon, edges);
  return { graph, stats: { waysUsed, segments: segA.length, missingNodeRefs } };
}

/** Access masks in way order and against it, after tags and oneway rules. */
function directionMasks(way: RoadWayInput): { forward: number; backward: number } {
  let mask = defaultAccessMask(way.roadClass);
  for (const mode of TRAVEL_MODES) {
    const allowed = way.access?.[mode];
    if (allowed === true) mask |= MODE_BIT[mode];
    if (allowed === false) mask &= ~MODE_BIT[mode];
  }
  // Pedestrians ignore oneway; bikes honour it unless contraflow is signed.
  const againstOneway = mask & (MODE_BIT.foot | (way.bikeContraflow ? MODE_BIT.bike : 0));
  if (way.oneway === 'forward') return { forward: mask, backward: againstOneway };
  if (way.oneway === 'backward') return { forward: againstOneway, backward: mask };
  return { forward: mask, backward: mask };
}
