import type { StyleSpecification } from 'maplibre-gl';

export const MAP_BACKGROUND = '#0a1017';

/**
 * The map's style when the server has no basemap to give (its style request failed): a flat
 * background, so our own layers still draw. The real basemap is the served one (served-style.ts).
 */
export function baseStyle(background: string = MAP_BACKGROUND): StyleSpecification {
  return {
    version: 8,
    name: 'lianfang-background',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': background } }],
  };
}
