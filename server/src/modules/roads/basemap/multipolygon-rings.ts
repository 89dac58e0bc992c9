/**
 * Joins a multipolygon's member ways into closed rings by their shared end nodes
 * (OSM splits a lake's shore or a forest's edge into many ways). Ways that do not close
 * into a ring are dropped: a broken relation, or one cut by the extract's border.
 */
export function assembleRings(ways: readonly (readonly number[])[]): number[][] {
  const open = ways.filter((w) => w.length >= 2).map((w) => [...w]);
  const rings: number[][] = [];
  while (open.length > 0) {
    const ring = open.pop()!;
    let extended = true;
    while (ring[0] !== ring[ring.length - 1] && extended) {
      extended = false;
      const end = ring[ring.length - 1]!;
      for (let i = 0; i < open.length; i++) {
        const way = open[i]!;
        if (way[0] === end) ring.push(...way.slice(1));
        else if (way[way.length - 1] === end) ring.push(...way.slice(0, -1).reverse());
        else continue;
        open.splice(i, 1);
        extended = true;
        break;
      }
    }
    if (ring.length >= 4 && ring[0] === ring[ring.length - 1]) rings.push(ring);
  }
  return rings;
}

/** Twice the signed area (shoelace); positive = counter-clockwise in lon/lat. */
function signedArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[i]![1] + ring[j]![1]);
  return sum;
}

/**
 * RFC 7946 winding: outer rings counter-clockwise, holes clockwise. Tiles are y-down, so this
 * becomes the vector-tile spec's clockwise exterior, and MapLibre tells holes from outers.
 */
export function rewind(ring: [number, number][], outer: boolean): [number, number][] {
  const ccw = signedArea(ring) > 0;
  return ccw === outer ? ring : ring.reverse();
}
