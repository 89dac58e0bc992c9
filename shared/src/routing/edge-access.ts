import { NO_EDGE, type RoadGraph } from './road-graph.js';
import { MODE_BIT, type TravelMode } from './travel-modes.js';

/** Whether the mode may travel along this directed edge. */
export function edgeAllows(graph: RoadGraph, edge: number, mode: TravelMode): boolean {
  return (graph.access[edge]! & MODE_BIT[mode]) !== 0;
}

/**
 * Whether the segment is one-way for the mode: it may use this direction but not the other.
 * Note `twin === NO_EDGE` is not the test: on a one-way street pedestrians still walk both
 * ways, so the reverse edge usually exists, only closed to vehicles.
 */
export function isOnewayFor(graph: RoadGraph, edge: number, mode: TravelMode): boolean {
  const twin = graph.twin[edge]!;
  return edgeAllows(graph, edge, mode) && (twin === NO_EDGE || !edgeAllows(graph, twin, mode));
}
