/**
 * Orders nodes along a Z-order (Morton) curve so that nodes close on the map sit close in
 * memory. Dijkstra then touches neighbouring cache lines instead of jumping across the
 * arrays, which matters once a graph outgrows the CPU caches (OSM ids are nearly random in space).
 *
 * Returns `order` with order[newIndex] = oldIndex.
 */
export function spatialNodeOrder(lat: ArrayLike<number>, lon: ArrayLike<number>, count: number): Uint32Array {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (let i = 0; i < count; i++) {
    const la = lat[i]!;
    const lo = lon[i]!;
    if (la < minLat) minLat = la;
    if (la > maxLat) maxLat = la;
    if (lo < minLon) minLon = lo;
    if (lo > maxLon) maxLon = lo;
  }
  const scaleLat = maxLat > minLat ? 65535 / (maxLat - minLat) : 0;
  const scaleLon = maxLon > minLon ? 65535 / (maxLon - minLon) : 0;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const y = Math.round((lat[i]! - minLat) * scaleLat);
    const x = Math.round((lon[i]! - minLon) * scaleLon);
    keys[i] = interleave16(x) * 2 + interleave16(y);
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return order;
}

/** Spreads the 16 bits of v over the even bit positions of a 32-bit number. */
function interleave16(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}
