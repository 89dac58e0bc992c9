import { gunzipSync } from 'node:zlib';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileRange } from '../../../../src/modules/roads/basemap/tile-pyramid.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { extractPath, hasExtract } from '../osm/osm-extracts.js';
import { decodeTile } from './decode-tile.js';

const ANDORRA = 'andorra.osm.pbf';
/** z16 tile on Avinguda Carlemany, Escaldes-Engordany. */
const IN_TOWN = (() => {
  const r = tileRange([1.53804, 42.5087, 1.53804, 42.5087], 16);
  return `16/${r.minX}/${r.minY}`;
})();

describe.skipIf(!hasExtract(ANDORRA))('GET /tiles/{z}/{x}/{y} and /map/style.json on the Andorra extract', () => {
  let t: TestApp;
  let auth: { authorization: string };
  let style: StyleSpecification;
  beforeAll(async () => {
    t = await startTestApp({ config: { ROAD_NETWORK: extractPath(ANDORRA) } });
    auth = { authorization: `Bearer ${t.adminToken}` };
    style = (await t.app.inject({ url: '/map/style.json', headers: auth })).json();
  }, 120_000);
  afterAll(async () => t?.close());

  it('needs a login for tiles and style', async () => {
    expect((await t.app.inject(`/tiles/${IN_TOWN}`)).statusCode).toBe(401);
    expect((await t.app.inject('/map/style.json')).statusCode).toBe(401);
  });

  it('serves a gzipped vector tile with an ETag, and 304 when the client has it', async () => {
    const res = await t.app.inject({ url: `/tiles/${IN_TOWN}`, headers: { ...auth, 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['content-encoding']).toBe('gzip');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]{10,}"$/);
    const tile = decodeTile(gunzipSync(res.rawPayload));
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['roads', 'building']));
    const again = await t.app.inject({ url: `/tiles/${IN_TOWN}`, headers: { ...auth, 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('caches a tile for a year only under the URL the style gives (the archive key), else revalidates', async () => {
    const url = style.sources.basemap && 'tiles' in style.sources.basemap ? style.sources.basemap.tiles![0]! : '';
    expect(url).toMatch(/^\/tiles\/\{z\}\/\{x\}\/\{y\}\?v=[0-9a-f]{16}$/);
    const keyed = await t.app.inject({ url: url.replace('{z}/{x}/{y}', IN_TOWN), headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(keyed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const bare = await t.app.inject({ url: `/tiles/${IN_TOWN}?v=stale`, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(bare.headers['cache-control']).toBe('private, no-cache');
  });

  it('sends plain protobuf to a client that does not accept gzip', async () => {
    const res = await t.app.inject({ url: `/tiles/${IN_TOWN}`, headers: { ...auth, 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Object.keys(decodeTile(res.rawPayload).layers)).toContain('roads');
  });

  it('answers 404 outside the extract and outside zooms 10–16', async () => {
    for (const path of ['16/0/0', '9/258/189', '17/66816/48892', '12/2048/1500']) {
      const res = await t.app.inject({ url: `/tiles/${path}`, headers: auth });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('answers 400 naming the field for a bad z, x or y', async () => {
    const cases: [string, string][] = [
      ['abc/1/1', 'z'],
      ['31/0/0', 'z'],
      ['12/x/1', 'x'],
      ['12/1/-1', 'y'],
      ['12/4096/0', 'x'],
      ['12/0/4096', 'y'],
    ];
    for (const [path, field] of cases) {
      const res = await t.app.inject({ url: `/tiles/${path}`, headers: auth });
      expect(res.statusCode, path).toBe(400);
      expect(JSON.stringify(res.json()), path).toContain(field);
    }
  });

  it('gives a style that passes the MapLibre style-spec validator, in both themes, with the OSM attribution', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const res = await t.app.inject({ url: `/map/style.json?theme=${theme}&scale=2`, headers: auth });
      expect(res.statusCode).toBe(200);
      const body = res.json() as StyleSpecification;
      expect(validateStyleMin(body)).toEqual([]);
      expect(body.name).toBe(`lianfang-${theme}`);
      expect(body.sources.basemap).toMatchObject({ type: 'vector', minzoom: 10, maxzoom: 16, attribution: '© OpenStreetMap contributors, ODbL' });
      // No glyph server: labels are drawn with local fonts.
      expect(body.glyphs).toBeUndefined();
      expect(body.layers.map((l) => l.id)).toEqual(expect.arrayContaining(['road-label', 'poi-label', 'building', 'water']));
    }
    const dark = (await t.app.inject({ url: '/map/style.json?theme=dark', headers: auth })).json() as StyleSpecification;
    const light = (await t.app.inject({ url: '/map/style.json?theme=light', headers: auth })).json() as StyleSpecification;
    const bg = (s: StyleSpecification) => (s.layers[0]!.paint as Record<string, string>)['background-color'];
    expect(bg(dark)).not.toBe(bg(light));
  });

  it('answers 400 naming the field for a bad theme or scale', async () => {
    for (const [query, field] of [
      ['theme=sepia', 'theme'],
      ['scale=9', 'scale'],
    ]) {
      const res = await t.app.inject({ url: `/map/style.json?${query}`, headers: auth });
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json()), query).toContain(field);
    }
  });
});

describe('the basemap of the generated city (no ROAD_NETWORK)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves its streets as tiles with a style and no OSM attribution', async () => {
    const auth = { authorization: `Bearer ${t.adminToken}` };
    const style = (await t.app.inject({ url: '/map/style.json', headers: auth })).json() as StyleSpecification & { metadata: { 'lianfang:bounds': number[] } };
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources.basemap).not.toHaveProperty('attribution');
    const [west, south, east, north] = style.metadata['lianfang:bounds'];
    const r = tileRange([(west! + east!) / 2, (south! + north!) / 2, (west! + east!) / 2, (south! + north!) / 2], 14);
    const res = await t.app.inject({ url: `/tiles/14/${r.minX}/${r.minY}`, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    const roads = decodeTile(gunzipSync(res.rawPayload)).layers.roads!;
    expect(roads.length).toBeGreaterThan(20);
    expect(roads.feature(0).properties).toHaveProperty('class');
  });
});
