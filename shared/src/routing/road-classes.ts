/**
 * Road classes the graph distinguishes, stored per edge as a one-byte code.
 * OSM `*_link` roads share their parent's class: they are the same kind of road for
 * speed and access, and the importer applies the implied oneway before mapping.
 */
export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'pedestrian',
  'footway',
  'path',
  'cycleway',
  'steps',
  'track',
  'bridleway',
  'road',
] as const;

export type RoadClass = (typeof ROAD_CLASSES)[number];

const CODE_BY_CLASS: ReadonlyMap<string, number> = new Map(ROAD_CLASSES.map((name, code) => [name, code]));

export function roadClassCode(roadClass: RoadClass): number {
  const code = CODE_BY_CLASS.get(roadClass);
  if (code === undefined) throw new RangeError(`unknown road class: ${roadClass}`);
  return code;
}

export function roadClassName(code: number): RoadClass {
  const name = ROAD_CLASSES[code];
  if (name === undefined) throw new RangeError(`unknown road class code: ${code}`);
  return name;
}

export function isRoadClass(value: string): value is RoadClass {
  return CODE_BY_CLASS.has(value);
}
