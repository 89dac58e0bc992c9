import type { CreateKeyArea, CreateUnit, Force, Grid, Mode, Station, Team } from '@lianfang/shared';
import type { RoadGraphBounds } from '@lianfang/shared/routing/index';

/**
 * The demo district on paper: one street office, four communities, sixteen
 * grids with leaders and contacts; safety stations and the fire, medical and
 * city-management bases; a mixed patrol roster; panic buttons in shops.
 * Pure: the same bounds give the same city, so tests can rely on it.
 */
export interface DemoLayout {
  grids: Grid[];
  stations: Station[];
  teams: Team[];
  units: (CreateUnit & { id: string })[];
  gateways: { name: string; lat: number; lon: number }[];
  keyAreas: (CreateKeyArea & { id: string })[];
}

const COMMUNITY_NAMES = ['东湖社区', '西桥社区', '南塘社区', '北园社区'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];

/** Callsign prefix, force, mode, count, team: 48 units of seven forces. */
const ROSTER: [string, Force, Mode, number, string][] = [
  ['巡警', 'police', 'car', 6, 'team-police-car'],
  ['铁骑', 'police', 'moto', 4, 'team-police-moto'],
  ['步巡', 'police', 'foot', 4, 'team-police-foot'],
  ['保安', 'security', 'foot', 8, 'team-security'],
  ['商户', 'merchant_guard', 'foot', 6, 'team-merchant'],
  ['志愿', 'volunteer', 'bike', 8, 'team-volunteer'],
  ['消防', 'fire', 'car', 3, 'team-fire'],
  ['急救', 'medical', 'car', 3, 'team-medical'],
  ['城管', 'city_mgmt', 'bike', 6, 'team-city'],
];

const TEAMS: Team[] = [
  { id: 'team-police-car', name: '机动巡逻队', force: 'police' },
  { id: 'team-police-moto', name: '铁骑中队', force: 'police' },
  { id: 'team-police-foot', name: '警务站步巡组', force: 'police' },
  { id: 'team-security', name: '平安保安公司', force: 'security' },
  { id: 'team-merchant', name: '商户联防队', force: 'merchant_guard' },
  { id: 'team-volunteer', name: '红袖标志愿队', force: 'volunteer' },
  { id: 'team-fire', name: '消防救援站', force: 'fire' },
  { id: 'team-medical', name: '120急救站', force: 'medical' },
  { id: 'team-city', name: '城管执法中队', force: 'city_mgmt' },
];

export function demoLayout(b: RoadGraphBounds): DemoLayout {
  // Keep everything a little inside the network's edge.
  const pad = 0.04;
  const lat = (f: number) => b.minLat + (b.maxLat - b.minLat) * (pad + f * (1 - 2 * pad));
  const lon = (f: number) => b.minLon + (b.maxLon - b.minLon) * (pad + f * (1 - 2 * pad));
  const box = (x0: number, y0: number, x1: number, y1: number): Grid['ring'] => [
    [lon(x0), lat(y0)],
    [lon(x1), lat(y0)],
    [lon(x1), lat(y1)],
    [lon(x0), lat(y1)],
  ];

  const grids: Grid[] = [
    {
      id: 'street-1',
      name: '安和街道',
      level: 'street',
      parentId: null,
      ring: box(0, 0, 1, 1),
      leader: '街道办 林主任',
      contacts: [{ name: '林主任', phone: '0571-8000-1000', role: '街道办主任' }],
    },
  ];
  for (let c = 0; c < 4; c++) {
    const cx = (c % 2) / 2;
    const cy = Math.floor(c / 2) / 2;
    grids.push({
      id: `community-${c + 1}`,
      name: COMMUNITY_NAMES[c]!,
      level: 'community',
      parentId: 'street-1',
      ring: box(cx, cy, cx + 0.5, cy + 0.5),
      leader: `${SURNAMES[c]}书记`,
      contacts: [{ name: `${SURNAMES[c]}书记`, phone: `0571-8000-20${c}0`, role: '社区书记' }],
    });
    for (let g = 0; g < 4; g++) {
      const gx = cx + (g % 2) / 4;
      const gy = cy + Math.floor(g / 2) / 4;
      const n = c * 4 + g + 1;
      grids.push({
        id: `grid-${n}`,
        name: `第${n}网格`,
        level: 'grid',
        parentId: `community-${c + 1}`,
        ring: box(gx, gy, gx + 0.25, gy + 0.25),
        leader: `${SURNAMES[(n + 3) % 16]}网格长`,
        contacts: [{ name: `${SURNAMES[(n + 3) % 16]}网格长`, phone: `138-0000-${String(1000 + n)}`, role: '网格长' }],
      });
    }
  }

  const stations: Station[] = [
    ...[0, 1, 2, 3].map((c) => ({
      id: `safety-${c + 1}`,
      name: `${COMMUNITY_NAMES[c]!.slice(0, 2)}平安驿站`,
      kind: 'safety_station' as const,
      lat: lat(0.25 + Math.floor(c / 2) / 2),
      lon: lon(0.25 + (c % 2) / 2),
    })),
    { id: 'police-1', name: '安和派出所', kind: 'police_post', lat: lat(0.55), lon: lon(0.45) },
    { id: 'police-2', name: '南塘警务室', kind: 'police_post', lat: lat(0.15), lon: lon(0.8) },
    { id: 'fire-1', name: '安和消防救援站', kind: 'fire', lat: lat(0.7), lon: lon(0.15) },
    { id: 'medical-1', name: '区人民医院急救站', kind: 'medical', lat: lat(0.35), lon: lon(0.62) },
    { id: 'city-1', name: '城管执法中队', kind: 'city_mgmt', lat: lat(0.85), lon: lon(0.7) },
  ];

  const units: DemoLayout['units'] = [];
  for (const [prefix, force, mode, count, teamId] of ROSTER) {
    for (let i = 1; i <= count; i++) {
      const callsign = `${prefix}${String(i).padStart(2, '0')}`;
      units.push({ id: `demo-${force}-${mode}-${i}`, callsign, force, mode, teamId });
    }
  }

  const shops = ['金店', '银行网点', '便利店', '药店', '夜市', '学校门卫'];
  const gateways = shops.map((name, i) => ({ name: `${name}一键报警`, lat: lat(0.12 + ((i * 0.37) % 0.8)), lon: lon(0.1 + ((i * 0.53) % 0.85)) }));
  // Small boxes (about 150 m) where a patrol must pass regularly.
  const spot = (x: number, y: number): Grid['ring'] => box(x, y, x + 0.03, y + 0.03);
  const keyAreas = [
    { id: 'key-school', name: '实验小学门口', ring: spot(0.3, 0.62), everyMinutes: 15, from: '00:00', to: '00:00' },
    { id: 'key-night-market', name: '南塘夜市', ring: spot(0.62, 0.2), everyMinutes: 20, from: '18:00', to: '02:00' },
    { id: 'key-bank', name: '金融街', ring: spot(0.45, 0.45), everyMinutes: 30, from: '00:00', to: '00:00' },
  ];
  return { grids, stations, teams: TEAMS, units, gateways, keyAreas };
}
