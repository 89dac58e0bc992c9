import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeographyDraft, ImportReport } from '@lianfang/shared';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { extractPath, hasExtract } from '../roads/osm/osm-extracts.js';

const ANDORRA = 'andorra.osm.pbf';
const PARISHES = ['Andorra la Vella', 'Canillo', 'Encamp', 'Escaldes-Engordany', 'La Massana', 'Ordino', 'Sant Julià de Lòria'];

/**
 * "Start from the extract" (issue 19) on a real extract with boundaries: Andorra's seven parishes
 * (admin_level 7) are the streets, the two admin_level 8 areas inside Andorra la Vella its
 * communities, the police, fire stations, hospitals and town halls its stations; the draft goes
 * through the import's dry run with nothing rejected, and then in for real.
 */
describe.skipIf(!hasExtract(ANDORRA))('GET /api/admin/drafts/geography on the Andorra extract', () => {
  let t: TestApp;
  let dataDir: string;
  let draft: GeographyDraft;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lf-draft-'));
    t = await startTestApp({ dataDir, config: { ROAD_NETWORK: extractPath(ANDORRA) } });
    const res = await api<GeographyDraft>(t.app, t.adminToken, 'GET', '/api/admin/drafts/geography');
    expect(res.status).toBe(200);
    draft = res.body;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const props = (level: string) => draft.grids.features.filter((f) => f.properties.level === level).map((f) => f.properties);

  it('the parishes are the streets, coded by their OSM relation', () => {
    expect(draft.source).toBe('boundaries');
    expect(props('street').map((p) => p.name)).toEqual(PARISHES);
    expect(props('street').every((p) => /^OSM-R\d+$/.test(p.code) && p.parentCode === null)).toBe(true);
    expect(props('street').find((p) => p.name === 'Canillo')?.code).toBe('OSM-R2804754');
  });

  it('the finer admin level becomes communities inside their parish', () => {
    expect(props('community')).toEqual([
      { code: 'OSM-R3657693', name: 'Andorra la Vella', level: 'community', parentCode: 'OSM-R2804753' },
      { code: 'OSM-R3657694', name: 'Santa Coloma', level: 'community', parentCode: 'OSM-R2804753' },
    ]);
    // parents come first, as the import reads them best
    const levels = draft.grids.features.map((f) => f.properties.level);
    expect(levels.lastIndexOf('street')).toBeLessThan(levels.indexOf('community'));
  });

  it('stations from the POIs, each mapped to its kind', () => {
    const byCode = new Map(draft.stations.features.map((f) => [f.properties.code, f]));
    expect(byCode.get('OSM-W194554955')?.properties).toEqual({ code: 'OSM-W194554955', name: 'Hospital de Nostra Senyora de Meritxell', kind: 'medical' });
    expect(byCode.get('OSM-W30772650')?.properties).toMatchObject({ name: "Policia D'Andorra", kind: 'police_post' });
    expect(byCode.get('OSM-W704181819')?.properties).toMatchObject({ name: "Parc de Bombers d'Andorra la Vella", kind: 'fire' });
    expect(byCode.get('OSM-N4697188689')?.properties).toMatchObject({ name: "Comú d'Andorra la Vella", kind: 'city_mgmt' });
    // an unnamed one is named by its kind and the parish it stands in, never by an OSM id
    expect(byCode.get('OSM-N2966663490')?.properties).toMatchObject({ name: '消防站（La Massana）', kind: 'fire' });
    expect(draft.stations.features.filter((f) => /\d{6,}/.test(f.properties.name))).toEqual([]);
    const kinds = new Set(draft.stations.features.map((f) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['city_mgmt', 'fire', 'medical', 'police_post']);
    // an area's station stands at its middle, in Andorra
    const [lon, lat] = byCode.get('OSM-W194554955')!.geometry.coordinates;
    expect(lon).toBeCloseTo(1.54, 1);
    expect(lat).toBeCloseTo(42.51, 1);
  });

  it('is the same on every call, and cached on disk beside the road graph', async () => {
    const again = await api<GeographyDraft>(t.app, t.adminToken, 'GET', '/api/admin/drafts/geography');
    expect(again.body).toEqual(draft);
    expect(readdirSync(join(dataDir, 'road-graphs')).filter((f) => f.endsWith('.geo-draft.json'))).toHaveLength(1);
  });

  it('passes the grids and stations import dry run with nothing rejected, then imports', async () => {
    const send = async (kind: 'grids' | 'stations', body: object, dryRun: boolean) =>
      (await api<ImportReport>(t.app, t.adminToken, 'POST', `/api/admin/import/${kind}?dryRun=${dryRun}`, body)).body;
    const grids = await send('grids', draft.grids, true);
    expect(grids.counts).toEqual({ create: draft.grids.features.length, update: 0, unchanged: 0, reject: 0 });
    const stations = await send('stations', draft.stations, true);
    expect(stations.counts).toEqual({ create: draft.stations.features.length, update: 0, unchanged: 0, reject: 0 });
    expect((await send('grids', draft.grids, false)).applied).toBe(true);
    expect((await send('stations', draft.stations, false)).applied).toBe(true);
    const rows = await t.app.core.db.query<{ code: string; parent: string | null }>(
      `SELECT g.code, p.code AS parent FROM grids g LEFT JOIN grids p ON p.id = g.parent_id WHERE g.code = 'OSM-R3657694'`,
    );
    expect(rows).toEqual([{ code: 'OSM-R3657694', parent: 'OSM-R2804753' }]);
  });
});
