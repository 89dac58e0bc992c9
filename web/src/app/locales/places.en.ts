import type { PlacesMessages } from './places.zh-CN';

/** English strings of place search and location texts (issue 18). */
export const placesEn: PlacesMessages = {
  places: {
    placeholder: 'Find a place: street, crossing, landmark, grid, unit (pinyin and initials too)',
    wallPlaceholder: 'Find a place',
    key: '/',
    failed: 'Search failed, try again',
    searchLabel: 'Find the location by name',
    column: 'Location',
    fromSearch: 'Found by name',
    kind: {
      street: 'Street',
      crossing: 'Crossing',
      poi: 'Place',
      address: 'Address',
      grid: 'Grid',
      station: 'Station',
      key_area: 'Key area',
      unit: 'Unit',
    },
  },
};
