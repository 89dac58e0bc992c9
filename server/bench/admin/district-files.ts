import { UNIT_CSV_CHINESE_HEADERS, type GridFeature } from '@lianfang/shared';
import { prefectureTiling, type TilingShape } from '../scale/grid-tiling.js';

/** 1 street × (5 × 4) communities × (10 × 10) grids = 2,000 grids of ≈ 200 m, 16-point rings. */
export const DISTRICT_TILING: TilingShape = { streets: [1, 1], communities: [5, 4], grids: [10, 10], cellDeg: 0.002, edgePoints: 3, origin: [118.6, 31.9] };
/** --quick: 1 street, 4 communities, 100 grids. */
export const SMALL_TILING: TilingShape = { ...DISTRICT_TILING, communities: [2, 2], grids: [5, 5] };

/** Codes keep to the import's alphabet (`[A-Za-z0-9_.-]`): the tiling's `s0-0/c1-2/g3-4` becomes `s0-0.c1-2.g3-4`. */
const codeOf = (id: string): string => id.replaceAll('/', '.');

/** The district as the file an administrator imports: one FeatureCollection, parents before children. */
export function districtGeoJson(shape: TilingShape): { type: 'FeatureCollection'; features: GridFeature[] } {
  const features = prefectureTiling(shape).map((a): GridFeature => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[...a.ring, a.ring[0]!]] },
    properties: {
      code: codeOf(a.id),
      name: `${a.level === 'street' ? '街道' : a.level === 'community' ? '社区' : '网格'} ${codeOf(a.id)}`,
      level: a.level,
      parentCode: a.parentId === null ? null : codeOf(a.parentId),
    },
  }));
  return { type: 'FeatureCollection', features };
}

const FORCES = ['police', 'security', 'merchant_guard', 'volunteer'] as const;
const MODES = ['foot', 'bike', 'moto', 'car'] as const;

/** One roster row (the fields POST /api/units takes as well). */
export interface RosterUnit {
  callsign: string;
  force: (typeof FORCES)[number];
  mode: (typeof MODES)[number];
  trackerId: string;
}

export function roster(count: number, prefix: string): RosterUnit[] {
  return Array.from({ length: count }, (_, i) => ({
    callsign: `${prefix}${String(i + 1).padStart(5, '0')}`,
    force: FORCES[i % FORCES.length]!,
    mode: MODES[i % MODES.length]!,
    trackerId: `${prefix === '巡逻' ? 'xl' : 'bl'}-${String(i + 1).padStart(5, '0')}`,
  }));
}

/** The roster as a district's spreadsheet saves it: Chinese headers, UTF-8, CRLF. */
export function rosterCsv(units: readonly RosterUnit[]): Buffer {
  const h = UNIT_CSV_CHINESE_HEADERS;
  const lines = [[h.callsign, h.force, h.mode, h.trackerId].join(',')];
  for (const u of units) lines.push([u.callsign, u.force, u.mode, u.trackerId].join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
