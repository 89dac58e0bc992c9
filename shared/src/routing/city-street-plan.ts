import type { RoadClass } from './road-classes.js';
import type { OnewayDirection } from './road-network-input.js';

export interface StreetPlan {
  readonly roadClass: RoadClass;
  readonly oneway: OnewayDirection;
  readonly maxspeedKmh: number;
  /** Whether a dead-end service road into the block may branch off this side. */
  readonly serviceSpur: boolean;
}

export interface CityStreetPlan {
  /** The street on one block side, or null where a park has no path. `line` is the row/column, `position` the block along it. */
  street(kind: 'row' | 'column', line: number, position: number): StreetPlan | null;
}

interface Rect {
  readonly i0: number;
  readonly j0: number;
  readonly i1: number;
  readonly j1: number;
}

/**
 * Decides what each block side of a side×side grid is: arterials every 8 lines (primary every
 * 16), tertiary every 4 and on the edge, residential between with alternating oneway pairs;
 * parks turn inner residential sides into footways, paths, a cycleway and steps; a 4×4-block
 * pedestrian centre. Line-level choices are made up front so they stay consistent along a line.
 */
export function cityStreetPlan(side: number, random: () => number): CityStreetPlan {
  const onewayLine = (line: number): OnewayDirection => {
    if (line % 4 !== 2 || random() < 0.3) return 'no';
    return Math.floor(line / 4) % 2 === 0 ? 'forward' : 'backward';
  };
  const rowOneway = Array.from({ length: side }, (_, line) => onewayLine(line));
  const columnOneway = Array.from({ length: side }, (_, line) => onewayLine(line));
  const residentialSpeed = Array.from({ length: 2 * side }, () => (random() < 0.5 ? 30 : 0));
  const parks: Rect[] = Array.from({ length: Math.max(1, Math.round((side * side) / 300)) }, () => {
    const w = 2 + Math.floor(random() * 3);
    const h = 2 + Math.floor(random() * 3);
    const i0 = Math.floor(random() * Math.max(1, side - w - 1));
    const j0 = Math.floor(random() * Math.max(1, side - h - 1));
    return { i0, j0, i1: i0 + w, j1: j0 + h };
  });
  const c = Math.floor(side / 2);
  const centre: Rect = { i0: c - 2, j0: c - 2, i1: c + 2, j1: c + 2 };

  const lineClass = (line: number): { roadClass: RoadClass; maxspeedKmh: number } | null => {
    if (line % 16 === 0) return { roadClass: 'primary', maxspeedKmh: 60 };
    if (line % 8 === 0) return { roadClass: 'secondary', maxspeedKmh: 50 };
    if (line % 4 === 0 || line === side - 1) return { roadClass: 'tertiary', maxspeedKmh: 40 };
    return null;
  };

  return {
    street(kind, line, position) {
      const major = lineClass(line);
      if (major) return { ...major, oneway: 'no', serviceSpur: major.roadClass === 'tertiary' };
      // Inside a rect: the side's line is strictly inside, the block along it within.
      const inside = (r: Rect): boolean =>
        kind === 'row' ? line > r.j0 && line < r.j1 && position >= r.i0 && position < r.i1 : line > r.i0 && line < r.i1 && position >= r.j0 && position < r.j1;
      const park = parks.find(inside);
      if (park) return parkPath(kind === 'row' && line === Math.floor((park.j0 + park.j1) / 2), random);
      if (inside(centre)) return { roadClass: 'pedestrian', oneway: 'no', maxspeedKmh: 0, serviceSpur: false };
      const oneway = (kind === 'row' ? rowOneway : columnOneway)[line]!;
      const roadClass: RoadClass = random() < 0.03 ? 'living_street' : 'residential';
      return { roadClass, oneway, maxspeedKmh: residentialSpeed[(kind === 'row' ? 0 : side) + line]!, serviceSpur: roadClass === 'residential' };
    },
  };
}

function parkPath(cycleRow: boolean, random: () => number): StreetPlan | null {
  const roll = random();
  if (roll < 0.15) return null; // lawn, no path
  const roadClass: RoadClass = cycleRow ? 'cycleway' : roll < 0.2 ? 'steps' : roll < 0.45 ? 'path' : 'footway';
  return { roadClass, oneway: 'no', maxspeedKmh: 0, serviceSpur: false };
}
