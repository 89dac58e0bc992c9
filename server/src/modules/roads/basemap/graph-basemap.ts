import { NO_EDGE, ROAD_CLASSES, isOnewayFor, type RoadGraph } from '@lianfang/shared/routing/index';
import { featureBounds, type BasemapFeature, type BasemapSource } from './basemap-layers.js';
import { lineClass } from './osm-basemap-tags.js';

/**
 * The generated demo city's basemap: its streets, one line per segment (a two-way street
 * once), classed like OSM streets so the same style draws them. The city has no names,
 * water or buildings, so that is all there is.
 */
export function graphBasemap(graph: RoadGraph): BasemapSource {
  const features: BasemapFeature[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const twin = graph.twin[e]!;
    if (twin !== NO_EDGE && twin < e) continue;
    const a = graph.sources[e]!;
    const b = graph.targets[e]!;
    const highway = ROAD_CLASSES[graph.roadClass[e]!] ?? 'unclassified';
    const style = lineClass({ highway });
    if (!style) continue;
    features.push({
      layer: 'roads',
      minzoom: style.minzoom,
      // Pedestrians keep the reverse edge of a oneway street, so ask the car's rule.
      properties: { class: highway, oneway: isOnewayFor(graph, e, 'car') },
      geometry: {
        type: 'LineString',
        coordinates: [
          [graph.lon[a]!, graph.lat[a]!],
          [graph.lon[b]!, graph.lat[b]!],
        ],
      },
    });
  }
  return { features, bounds: featureBounds(features), openStreetMap: false };
}
