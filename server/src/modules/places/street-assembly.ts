import { distanceM } from '@lianfang/shared';
import type { CrossingSource, NamedLine, StreetSource } from './place-source.js';

/** Ways of one name this close (bounding boxes, metres) are one street; farther apart they are namesakes in other villages. */
const SAME_STREET_GAP_M = 200;
/** The same two streets meeting again within this distance (dual carriageways, slip roads) is one crossing. */
const SAME_CROSSING_M = 150;

interface Group {
  name: string;
  nameEn: string | null;
  rank: number;
  lines: number[][];
  box: [number, number, number, number];
}

/**
 * Streets merged by name: the ways of one name that touch or lie within ~200 m of each other
 * form one street; "Carrer Major" in two villages stays two streets (each found near itself).
 */
export function assembleStreets(lines: readonly NamedLine[]): StreetSource[] {
  const byName = new Map<string, Group[]>();
  for (const line of lines) {
    const groups = byName.get(line.name) ?? [];
    byName.set(line.name, groups);
    groups.push({ name: line.name, nameEn: line.nameEn, rank: line.rank, lines: [line.coords], box: boxOf(line.coords) });
  }
  const streets: StreetSource[] = [];
  for (const groups of byName.values()) {
    for (const merged of mergeNear(groups)) streets.push({ name: merged.name, nameEn: merged.nameEn, rank: merged.rank, lines: merged.lines });
  }
  return streets;
}

function mergeNear(groups: Group[]): Group[] {
  let changed = true;
  while (changed && groups.length > 1) {
    changed = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (boxGapM(groups[i]!.box, groups[j]!.box) > SAME_STREET_GAP_M) continue;
        const a = groups[i]!;
        const b = groups.splice(j, 1)[0]!;
        a.lines.push(...b.lines);
        a.nameEn ??= b.nameEn;
        a.rank = Math.min(a.rank, b.rank);
        a.box = [Math.min(a.box[0], b.box[0]), Math.min(a.box[1], b.box[1]), Math.max(a.box[2], b.box[2]), Math.max(a.box[3], b.box[3])];
        changed = true;
        break outer;
      }
    }
  }
  return groups;
}

/**
 * Where streets of different names share a node. Named "学海路与韶光街交叉口" in a Chinese
 * city, "Carrer Major / Avinguda Meritxell" elsewhere; the bigger road first.
 */
export function findCrossings(lines: readonly NamedLine[]): CrossingSource[] {
  const atNode = new Map<number, { line: NamedLine; lon: number; lat: number }[]>();
  for (const line of lines) {
    line.nodeIds.forEach((id, k) => {
      const list = atNode.get(id) ?? [];
      atNode.set(id, list);
      if (!list.some((x) => x.line.name === line.name)) list.push({ line, lon: line.coords[2 * k]!, lat: line.coords[2 * k + 1]! });
    });
  }
  const found = new Map<string, CrossingSource[]>();
  for (const meeting of atNode.values()) {
    if (meeting.length < 2) continue;
    meeting.sort((a, b) => a.line.rank - b.line.rank || a.line.name.localeCompare(b.line.name));
    for (let i = 0; i < meeting.length; i++) {
      for (let j = i + 1; j < meeting.length; j++) {
        const a = meeting[i]!.line;
        const b = meeting[j]!.line;
        const { lat, lon } = meeting[i]!;
        const key = `${a.name}\u0000${b.name}`;
        const same = found.get(key) ?? [];
        found.set(key, same);
        if (same.some((c) => distanceM(c.lat, c.lon, lat, lon) < SAME_CROSSING_M)) continue;
        same.push({ ...crossingNames(a, b), lat, lon, streets: [a.name, b.name] });
      }
    }
  }
  return [...found.values()].flat();
}

const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

export function crossingNames(a: Pick<NamedLine, 'name' | 'nameEn'>, b: Pick<NamedLine, 'name' | 'nameEn'>): { name: string; nameEn: string | null } {
  const name = hasHan(a.name) || hasHan(b.name) ? `${a.name}与${b.name}交叉口` : `${a.name} / ${b.name}`;
  const english = `${a.nameEn ?? a.name} / ${b.nameEn ?? b.name}`;
  return { name, nameEn: english === name ? null : english };
}

/** [minLon, minLat, maxLon, maxLat] of one or more [lon, lat, …] lines. */
export function boxOf(...lines: readonly (readonly number[])[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const coords of lines) {
    for (let i = 0; i < coords.length; i += 2) {
      box[0] = Math.min(box[0], coords[i]!);
      box[1] = Math.min(box[1], coords[i + 1]!);
      box[2] = Math.max(box[2], coords[i]!);
      box[3] = Math.max(box[3], coords[i + 1]!);
    }
  }
  return box;
}

/** Metres between two lon/lat boxes (0 when they overlap), flat-earth: fine at street scale. */
function boxGapM(a: readonly number[], b: readonly number[]): number {
  const dLon = Math.max(0, a[0]! - b[2]!, b[0]! - a[2]!);
  const dLat = Math.max(0, a[1]! - b[3]!, b[1]! - a[3]!);
  const midLat = ((a[1]! + a[3]!) / 2) * (Math.PI / 180);
  return Math.hypot(dLon * 111_320 * Math.cos(midLat), dLat * 110_540);
}
