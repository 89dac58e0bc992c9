import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchServedBasemap } from '../../src/map/core/served-style';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const STYLE = {
  version: 8,
  name: 'lianfang-light',
  metadata: { 'lianfang:bounds': [1.4, 42.41, 1.82, 42.69], 'lianfang:theme': 'light' },
  sources: { basemap: { type: 'vector', tiles: ['/tiles/{z}/{x}/{y}?v=abc'], minzoom: 10, maxzoom: 16, attribution: '© OpenStreetMap contributors, ODbL' } },
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } }],
};

describe('the served basemap style', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the theme and scale, makes tile URLs absolute (workers have no page to resolve against) and reads bounds and attribution', async () => {
    const fetchMock = vi.fn(async () => json(200, structuredClone(STYLE)));
    vi.stubGlobal('fetch', fetchMock);
    const served = await fetchServedBasemap('light', 2);
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('/map/style.json?theme=light&scale=2');
    expect(served?.bounds).toEqual([1.4, 42.41, 1.82, 42.69]);
    expect(served?.attribution).toBe('© OpenStreetMap contributors, ODbL');
    const source = served?.style.sources.basemap as { tiles: string[] };
    // The {z}/{x}/{y} placeholders stay as they are (new URL() would escape the braces).
    expect(source.tiles).toEqual([`${window.location.origin}/tiles/{z}/{x}/{y}?v=abc`]);
  });

  it('gives null when the server has no style or answers something else, so the map draws its plain background', async () => {
    vi.stubGlobal('fetch', async () => json(503, { statusCode: 503, error: 'Service Unavailable', message: 'x' }));
    expect(await fetchServedBasemap('dark', 1)).toBeNull();
    vi.stubGlobal('fetch', async () => json(200, { hello: 'world' }));
    expect(await fetchServedBasemap('dark', 1)).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('network down');
    });
    expect(await fetchServedBasemap('dark', 1)).toBeNull();
  });

  it('has no bounds when the style does not say where it is (the map then opens on its default centre)', async () => {
    vi.stubGlobal('fetch', async () => json(200, { ...structuredClone(STYLE), metadata: { 'lianfang:bounds': [1, 'x', 2, 3] } }));
    expect((await fetchServedBasemap('dark', 1))?.bounds).toBeNull();
  });
});
