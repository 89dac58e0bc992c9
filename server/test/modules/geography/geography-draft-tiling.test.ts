import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInRing, type GeographyDraft, type ImportReport } from '@lianfang/shared';
import { buildRoadGraph } from '@lianfang/shared/routing/index';
import { draftFromSource } from '../../../src/modules/geography/draft/geography-draft.js';
import { collectDraftSource } from '../../../src/modules/geography/draft/osm-draft-collector.js';
import { shareOutside } from '../../../src/modules/geography/grid-rules.js';
import { importOsmFile } from '../../../src/modules/roads/osm/osm-import.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { extractPath, hasExtract } from '../roads/osm/osm-extracts.js';

const NANJING = 'nanjing-xinjiekou.osm.pbf';
const MONACO = 'monaco.osm.pbf';

/**
 * The fallback (issue 19, "Start from the extract"): the Nanjing Xinjiekou extract is a clipped
 * box whose district boundaries run outside it, so none closes: the draft tiles the road
 * network instead, ~1 km communities in 3 × 3 km streets, each tile with roads in it.
 */
describe.skipIf(!hasExtract(NANJING))('the geography draft of an extract without usable boundaries (Nanjing Xinjiekou)', () => {
  let t: TestApp;
  let draft: GeographyDraft;
  beforeAll(async () => {
    t = await startTestApp({ config: { ROAD_NETWORK: extractPath(NANJING) } });
    draft = (await api<GeographyDraft>(t.app, t.adminToken, 'GET', '/api/admin/drafts/geography')).body;
  }, 120_000);
  afterAll(async () => t?.close());

  it('is a tiling: streets named like a map index, communities in them', () => {
    expect(draft.source).toBe('tiling');
    const streets = draft.grids.features.filter((f) => f.properties.level === 'street');
    const communities = draft.grids.features.filter((f) => f.properties.level === 'community');
    // about 4 × 3 km: two rows and two columns of 3 km streets
    expect(streets.map((f) => f.properties.code)).toEqual(['TILE-A1', 'TILE-A2', 'TILE-B1', 'TILE-B2']);
    expect(streets[0]!.properties).toEqual({ code: 'TILE-A1', name: 'A1', level: 'street', parentCode: null });
    expect(communities.length).toBeGreaterThanOrEqual(12);
    expect(communities[0]!.properties).toEqual({ code: 'TILE-A1-1', name: 'A1-1', level: 'community', parentCode: 'TILE-A1' });
    const rings = new Map(streets.map((f) => [f.properties.code, f.geometry.coordinates[0]!]));
    for (const c of communities) expect(shareOutside(c.geometry.coordinates[0]!, rings.get(c.properties.parentCode!)!)).toBe(0);
  });

  it('keeps only tiles with roads: each community has a node of the road graph inside', async () => {
    const graph = buildRoadGraph((await importOsmFile(extractPath(NANJING))).network);
    for (const c of draft.grids.features.filter((f) => f.properties.level === 'community')) {
      const ring = c.geometry.coordinates[0]!;
      let roads = 0;
      for (let i = 0; i < graph.nodeCount; i++) if (pointInRing(graph.lon[i]!, graph.lat[i]!, ring)) roads++;
      expect(roads, c.properties.code).toBeGreaterThan(0);
    }
  });

  it('stations from the POIs (Chinese names kept), and both collections pass the import dry run', async () => {
    const names = draft.stations.features.map((f) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining(['江苏省中医院', '秦淮区政府']));
    expect(draft.stations.features.find((f) => f.properties.name === '秦淮区政府')?.properties.kind).toBe('city_mgmt');
    for (const [kind, body] of [
      ['grids', draft.grids],
      ['stations', draft.stations],
    ] as const) {
      const report = (await api<ImportReport>(t.app, t.adminToken, 'POST', `/api/admin/import/${kind}?dryRun=true`, body)).body;
      expect(report.counts.reject, kind).toBe(0);
      expect(report.counts.create, kind).toBe(body.features.length);
    }
  });
});

describe.skipIf(!hasExtract(MONACO))('the geography draft of Monaco', () => {
  it('takes the two finest admin levels: the commune (8) as street, its quartiers (10) as communities', async () => {
    const draft = draftFromSource(await collectDraftSource(extractPath(MONACO)));
    expect(draft.source).toBe('boundaries');
    const communities = draft.grids.features.filter((f) => f.properties.level === 'community');
    expect(communities.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['Monte-Carlo', 'La Condamine', 'Fontvieille', 'Monaco-Ville']));
    expect(new Set(communities.map((f) => f.properties.parentCode))).toEqual(new Set(['OSM-R2220322']));
  });
});

describe('the geography draft without a road network (the demo city)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers 404 naming ROAD_NETWORK', async () => {
    const res = await api<{ message: string; field?: string }>(t.app, t.adminToken, 'GET', '/api/admin/drafts/geography');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/^ROAD_NETWORK: no road network extract is set/);
    expect(res.body.field).toBe('ROAD_NETWORK');
  });
});
