/** The light basemap a tablet is read on outdoors (the wall keeps its dark one). */
export const TABLET_MAP_BACKGROUND = '#e9edf2';
