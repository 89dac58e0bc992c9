/**
 * Coordinates as a call-taker types them: "30.2605, 120.1705", "30.2605 120.1705" or with a
 * full-width comma (Chinese input methods). Latitude first, as maps and radios read them.
 */
export function parseCoordinates(text: string): { lat: number; lon: number } | null {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter((p) => p.length > 0);
  if (parts.length !== 2) return null;
  const [lat, lon] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** Six decimals: ~0.1 m, more than any map click means. */
export function formatCoordinates(p: { lat: number; lon: number }): string {
  return `${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}`;
}
