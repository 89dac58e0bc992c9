/** Chinese strings of place search and location texts (issue 18). */
export const placesZhCN = {
  places: {
    placeholder: '搜索地点：街道、路口、地名、网格、单位（支持拼音、首字母）',
    wallPlaceholder: '搜索地点',
    key: '/',
    failed: '搜索失败，请重试',
    searchLabel: '按地名搜索位置',
    column: '位置',
    fromSearch: '已按地名定位',
    kind: {
      street: '街道',
      crossing: '路口',
      poi: '地点',
      address: '门牌',
      grid: '网格',
      station: '站点',
      key_area: '重点区域',
      unit: '单位',
    },
  },
};

export type PlacesMessages = typeof placesZhCN;
