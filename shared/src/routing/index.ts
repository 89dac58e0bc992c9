/** Routing: compact road graph, travel modes, Dijkstra, snapping, ETA ranking, H3 coverage. */
export { ROAD_CLASSES, roadClassCode, roadClassName, isRoadClass, type RoadClass } from './road-classes.js';
export {
  TRAVEL_MODES,
  MODE_BIT,
  ALL_MODES_MASK,
  MOTOR_MODES_MASK,
  MAXSPEED_TRAVEL_RATIO,
  WALK_SPEED_KMH,
  STRAIGHT_LINE_SPEED_KMH,
  isMotorMode,
  defaultAccessMask,
  defaultSpeedKmh,
  edgeSpeedKmh,
  type TravelMode,
} from './travel-modes.js';
export type { RoadNetworkInput, RoadNodeInput, RoadWayInput, OnewayDirection } from './road-network-input.js';
export { NO_EDGE, roadGraphByteLength, roadGraphBounds, type RoadGraph, type ReverseAdjacency, type RoadGraphBounds } from './road-graph.js';
export { edgeAllows, isOnewayFor } from './edge-access.js';
export { buildRoadGraph, buildRoadGraphWithStats, type RoadGraphBuildStats } from './road-graph-builder.js';
export { serializeRoadGraph, deserializeRoadGraph, ROAD_GRAPH_FORMAT_VERSION } from './road-graph-serialization.js';
export { haversineM, type LatLon } from './geo-distance.js';
export { edgeSeconds, weightedAdjacency, responseProfile, type TravelProfile, type WeightedAdjacency, type SearchDirection } from './edge-costs.js';
export { DijkstraSearch, type SearchSource, type SearchOptions, type TargetResult } from './dijkstra.js';
export { sharedSearch, shortestSeconds, nodeToNode, type ShortestSecondsOptions } from './graph-search.js';
export { EdgeSpatialIndex, type EdgeCandidate, type NearestEdgeQuery } from './spatial-index.js';
export { snapToRoad, edgeSpatialIndex, DEFAULT_SNAP_RADIUS_M, type SnappedPoint, type SnapOptions } from './snap.js';
export { departuresFrom, arrivalsTo, arrivalAt, departureFrom, alongSameSegment, type TimedDistance, type NodeTimes } from './edge-position.js';
export { pointToPoint, type PointToPointOptions, type RouteEstimate } from './point-to-point.js';
export { positionAlong, routePath, type RoutePath, type RoutePathOptions, type RoutePoint } from './route-path.js';
export { groupModesByCost, type ModeGroup } from './mode-groups.js';
export { rankUnitsByEta, type EtaUnit, type EtaOptions, type UnitEta } from './eta.js';
export {
  computeCoverage,
  coverageWith,
  reachableCells,
  resolveCoverageOptions,
  type CoverageSource,
  type CoverageOptions,
  type ResolvedCoverageOptions,
  type CoverageGrid,
  type CellMinutes,
} from './coverage.js';
export { coverageCells, type CoverageCells } from './coverage-cells.js';
export {
  coverageShare,
  polygonCells,
  type CoveragePolygon,
  type CoverageShareReport,
  type PolygonCoverageShare,
  type AreaCoverageShare,
  type ShareWithin,
} from './coverage-share.js';
export { coverageGaps, type CoverageGap, type CoverageGapOptions } from './coverage-gaps.js';
export { generateCityNetwork, type CityNetworkOptions } from './city-network-generator.js';
