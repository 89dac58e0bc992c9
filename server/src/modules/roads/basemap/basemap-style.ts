import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { BASEMAP_MAX_ZOOM, BASEMAP_MIN_ZOOM } from './basemap-layers.js';
import { PALETTES, POI_COLORS, type BasemapTheme } from './basemap-palettes.js';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors, ODbL';

export interface BasemapStyleOptions {
  readonly theme: BasemapTheme;
  /** The archive's key: part of the tile URL, so tiles can be cached for a year and still change with the extract. */
  readonly key: string;
  readonly bounds: [number, number, number, number];
  readonly openStreetMap: boolean;
  /** Line widths and text sizes × this (a 4K wall at device pixel ratio 1 draws at 2). */
  readonly scale: number;
}

/**
 * Local fonts only: the style has no `glyphs` URL, so MapLibre draws every label with the
 * machine's own fonts (CJK through the map's localIdeographFontFamily). Nothing is fetched.
 */
const FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
const LABEL: ExpressionSpecification = ['coalesce', ['get', 'name:zh'], ['get', 'name'], ['get', 'name:en'], ''];

const ROAD_TIERS = [
  {
    id: 'path',
    classes: ['service', 'footway', 'path', 'pedestrian', 'cycleway', 'steps', 'track', 'living_street', 'bridleway', 'corridor', 'busway'],
    widths: [14, 0.6, 18, 4],
  },
  { id: 'local', classes: ['residential', 'unclassified', 'tertiary', 'tertiary_link', 'road'], widths: [11, 0.5, 18, 12] },
  { id: 'arterial', classes: ['primary', 'primary_link', 'secondary', 'secondary_link'], widths: [10, 0.8, 18, 18] },
  { id: 'motorway', classes: ['motorway', 'motorway_link', 'trunk', 'trunk_link'], widths: [10, 1, 18, 22] },
] as const;

/** The MapLibre style for the served basemap: background, land, water, buildings, streets, names. */
export function basemapStyle(options: BasemapStyleOptions): StyleSpecification {
  const p = PALETTES[options.theme];
  const s = options.scale;
  const [west, south, east, north] = options.bounds;
  const width = (z0: number, w0: number, z1: number, w1: number): ExpressionSpecification => [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    z0,
    w0 * s,
    z1,
    w1 * s,
  ];
  const size = (z0: number, s0: number, z1: number, s1: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], z0, s0 * s, z1, s1 * s];
  const src = { source: 'basemap' } as const;
  const roadColor = { path: p.roadPath, local: p.roadLocal, arterial: p.roadArterial, motorway: p.roadMotorway };

  const poiColor = ['match', ['get', 'class'], ...Object.entries(POI_COLORS).flat(), '#94a3b8'] as unknown as ExpressionSpecification;

  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': p.background } },
    {
      id: 'landuse',
      type: 'fill',
      ...src,
      'source-layer': 'landuse',
      paint: {
        'fill-color': [
          'match',
          ['get', 'class'],
          [
            'park',
            'garden',
            'grass',
            'forest',
            'wood',
            'meadow',
            'scrub',
            'grassland',
            'heath',
            'recreation_ground',
            'nature_reserve',
            'village_green',
            'pitch',
            'playground',
            'golf_course',
            'cemetery',
          ],
          p.park,
          p.landuse,
        ],
      },
    },
    { id: 'water', type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': p.water } },
    { id: 'waterway', type: 'line', ...src, 'source-layer': 'waterway', paint: { 'line-color': p.water, 'line-width': width(10, 0.8, 18, 10) } },
    {
      id: 'building',
      type: 'fill',
      ...src,
      'source-layer': 'building',
      minzoom: 15,
      paint: { 'fill-color': p.building, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 15, 0.4, 16, 1] },
    },
    { id: 'boundary', type: 'line', ...src, 'source-layer': 'boundary', paint: { 'line-color': p.boundary, 'line-width': s, 'line-dasharray': [3, 2] } },
    ...ROAD_TIERS.map((tier): LayerSpecification => ({
      id: `road-${tier.id}`,
      type: 'line',
      ...src,
      'source-layer': 'roads',
      filter: ['in', ['get', 'class'], ['literal', [...tier.classes]]],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': roadColor[tier.id], 'line-width': width(tier.widths[0], tier.widths[1], tier.widths[2], tier.widths[3]) },
    })),
    {
      id: 'railway',
      type: 'line',
      ...src,
      'source-layer': 'railway',
      paint: { 'line-color': p.railway, 'line-width': width(10, 0.8, 18, 3), 'line-dasharray': [4, 2] },
    },
    {
      id: 'road-oneway',
      type: 'symbol',
      ...src,
      'source-layer': 'roads',
      minzoom: 16,
      filter: ['==', ['get', 'oneway'], true],
      layout: { 'symbol-placement': 'line', 'symbol-spacing': 120 * s, 'text-field': '→', 'text-font': FONT, 'text-size': 12 * s, 'text-keep-upright': false },
      paint: { 'text-color': p.label, 'text-opacity': 0.6 },
    },
    {
      id: 'road-label',
      type: 'symbol',
      ...src,
      'source-layer': 'roads',
      minzoom: 13,
      filter: ['!=', ['get', 'class'], 'footway'],
      layout: {
        'symbol-placement': 'line',
        'text-field': LABEL,
        'text-font': FONT,
        'text-size': size(13, 11, 18, 16),
        'text-max-angle': 30,
        'symbol-spacing': 300 * s,
      },
      paint: { 'text-color': p.label, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.5 * s },
    },
    {
      id: 'poi-dot',
      type: 'circle',
      ...src,
      'source-layer': 'poi',
      paint: { 'circle-color': poiColor, 'circle-radius': 3.5 * s, 'circle-stroke-color': p.labelHalo, 'circle-stroke-width': s },
    },
    {
      id: 'poi-label',
      type: 'symbol',
      ...src,
      'source-layer': 'poi',
      layout: {
        'text-field': LABEL,
        'text-font': FONT,
        'text-size': 11 * s,
        'text-anchor': 'top',
        'text-offset': [0, 0.6],
        'text-max-width': 8,
        'text-optional': true,
      },
      paint: { 'text-color': p.poiLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.2 * s },
    },
    {
      id: 'place-label',
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      layout: { 'text-field': LABEL, 'text-font': FONT, 'text-size': size(10, 12, 16, 18), 'text-max-width': 8 },
      paint: { 'text-color': p.placeLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 2 * s },
    },
  ];

  return {
    version: 8,
    name: `lianfang-${options.theme}`,
    center: [(west + east) / 2, (south + north) / 2],
    zoom: 13,
    metadata: { 'lianfang:bounds': options.bounds, 'lianfang:theme': options.theme },
    sources: {
      basemap: {
        type: 'vector',
        tiles: [`/tiles/{z}/{x}/{y}?v=${options.key}`],
        minzoom: BASEMAP_MIN_ZOOM,
        maxzoom: BASEMAP_MAX_ZOOM,
        bounds: options.bounds,
        ...(options.openStreetMap ? { attribution: OSM_ATTRIBUTION } : {}),
      },
    },
    layers,
  };
}
