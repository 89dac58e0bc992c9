import type { StyleSpecification } from 'maplibre-gl';

export const MAP_BACKGROUND = '#0a1017';

/**
 * The whole basemap: a flat dark background. No tiles, no glyph server; roads
 * and grids are our own GeoJSON layers and text is drawn by label-images.ts.
 */
export function baseStyle(background: string = MAP_BACKGROUND): StyleSpecification {
  return {
    version: 8,
    name: background === MAP_BACKGROUND ? 'lianfang-dark' : 'lianfang-custom',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': background } }],
  };
}
