export type Bounds = [number, number, number, number];

/** The box around every given [lon, lat]; null when there is nothing to show. */
export function boundsOf(points: Iterable<readonly [number, number]>): Bounds | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of points) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  if (minLon === Infinity) return null;
  // A single point still needs an area to fit (about 1 km).
  const pad = maxLon - minLon < 0.002 && maxLat - minLat < 0.002 ? 0.005 : 0;
  return [minLon - pad, minLat - pad, maxLon + pad, maxLat + pad];
}
