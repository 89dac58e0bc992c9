/**
 * The two basemap palettes. Dark for the wall: quiet, low-contrast ground so our own
 * units and incidents stay the brightest things in the room. Light for a tablet in daylight.
 */
export interface BasemapPalette {
  readonly background: string;
  readonly water: string;
  readonly park: string;
  readonly landuse: string;
  readonly building: string;
  readonly railway: string;
  readonly boundary: string;
  readonly roadPath: string;
  readonly roadLocal: string;
  readonly roadArterial: string;
  readonly roadMotorway: string;
  readonly casing: string;
  readonly label: string;
  readonly labelHalo: string;
  readonly poiLabel: string;
  readonly placeLabel: string;
}

export const BASEMAP_THEMES = ['dark', 'light'] as const;
export type BasemapTheme = (typeof BASEMAP_THEMES)[number];

export const PALETTES: Readonly<Record<BasemapTheme, BasemapPalette>> = {
  dark: {
    background: '#0a1017',
    water: '#0d2436',
    park: '#0f2119',
    landuse: '#0d141c',
    building: '#151e29',
    railway: '#3a4656',
    boundary: '#5b4a6e',
    roadPath: '#1c2530',
    roadLocal: '#283442',
    roadArterial: '#34435a',
    roadMotorway: '#445a78',
    casing: '#0a1017',
    label: '#9fb0c3',
    labelHalo: '#0a1017',
    poiLabel: '#8aa0b8',
    placeLabel: '#c3cfdc',
  },
  light: {
    background: '#f2efe9',
    water: '#aad3df',
    park: '#d3ebc7',
    landuse: '#ebe6de',
    building: '#ddd6cc',
    railway: '#9a9a9a',
    boundary: '#9e7fb0',
    roadPath: '#e4e8ee',
    roadLocal: '#ffffff',
    roadArterial: '#ffe7a3',
    roadMotorway: '#f9c35c',
    casing: '#c9c2b8',
    label: '#2f3a45',
    labelHalo: '#ffffff',
    poiLabel: '#4a5866',
    placeLabel: '#1f2a35',
  },
};

/** POI classes and the colour of their dot (same in both themes: they mean the same thing). */
export const POI_COLORS: Readonly<Record<string, string>> = {
  police: '#3b82f6',
  fire: '#ef4444',
  hospital: '#f43f5e',
  school: '#a78bfa',
  market: '#f59e0b',
  shop: '#eab308',
  transit: '#22c55e',
  government: '#94a3b8',
};
