import type { StyleSpecification } from 'maplibre-gl';
import { apiRequest } from '../../api/http-client';
import type { Bounds } from '../geojson/data-bounds';

export type BasemapTheme = 'dark' | 'light';

/** The served basemap: its MapLibre style and where its extract lies. */
export interface ServedBasemap {
  style: StyleSpecification;
  bounds: Bounds | null;
  /** The OSM (or other) attribution the map must show; null for the generated city. */
  attribution: string | null;
}

/**
 * CJK labels are drawn with the machine's own fonts (no glyph server): the first of these the
 * wall PC has. Noto/Source Han on Linux, YaHei on Windows, PingFang on macOS.
 */
export const LOCAL_CJK_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";

/**
 * `GET /map/style.json`: the server's basemap style (tiles cut from the road network's
 * extract). Tile URLs come relative and are made absolute here: MapLibre fetches them from a
 * worker, where a relative URL has no page to resolve against. Null when the server has none
 * (the map then draws its plain background).
 */
export async function fetchServedBasemap(theme: BasemapTheme, scale: number, signal?: AbortSignal): Promise<ServedBasemap | null> {
  let style: StyleSpecification;
  try {
    style = await apiRequest<StyleSpecification>(`/map/style.json?theme=${theme}&scale=${scale}`, signal ? { signal } : {});
  } catch {
    return null;
  }
  if (!style || style.version !== 8 || !Array.isArray(style.layers)) return null;
  let attribution: string | null = null;
  for (const source of Object.values(style.sources ?? {})) {
    if (source.type !== 'vector') continue;
    if (source.tiles) source.tiles = source.tiles.map((url) => (url.startsWith('/') ? `${window.location.origin}${url}` : url));
    attribution ??= source.attribution ?? null;
  }
  const metadata = style.metadata as { 'lianfang:bounds'?: unknown } | undefined;
  const b = metadata?.['lianfang:bounds'];
  const bounds = Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (b as Bounds) : null;
  return { style, bounds, attribution };
}
