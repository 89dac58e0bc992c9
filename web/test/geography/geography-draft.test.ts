import type { GeographyDraft, ImportReport } from '@lianfang/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { adminZhCN } from '../../src/app/locales/admin.zh-CN';
import { geographyZhCN } from '../../src/app/locales/geography.zh-CN';
import { zhCN } from '../../src/app/locales/zh-CN';
import DraftPanel from '../../src/features/geography/components/DraftPanel.vue';
import { draftItems, gridRowsInTreeOrder, selectedDraft, setIncluded } from '../../src/features/geography/geography-draft';
import { stubApi, type Route } from '../admin/admin-test-support';
import { freshPinia } from '../support/test-app';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const square = (x: number): [number, number][] => [
  [x, 0],
  [x + 1, 0],
  [x + 1, 1],
  [x, 1],
  [x, 0],
];
const DRAFT: GeographyDraft = {
  source: 'boundaries',
  grids: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [square(0)] },
        properties: { code: 'OSM-R1', name: 'Canillo', level: 'street', parentCode: null },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [square(2)] },
        properties: { code: 'OSM-R2', name: 'Encamp', level: 'street', parentCode: null },
      },
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [square(0)] },
        properties: { code: 'OSM-R3', name: 'Soldeu', level: 'community', parentCode: 'OSM-R1' },
      },
    ],
  },
  stations: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0.5, 0.5] }, properties: { code: 'OSM-N9', name: 'Policia', kind: 'police_post' } }],
  },
};

describe('the draft rows', () => {
  it('unticking a street unticks its communities; ticking a community brings its street back', () => {
    const items = draftItems(DRAFT);
    setIncluded(items, 'OSM-R1', false);
    expect(items.filter((i) => !i.included).map((i) => i.key)).toEqual(['OSM-R1', 'OSM-R3']);
    setIncluded(items, 'OSM-R3', true);
    expect(items.every((i) => i.included)).toBe(true);
  });

  it('a renamed street takes its communities along (their parentCode follows); unticked rows are left out', () => {
    const items = draftItems(DRAFT);
    Object.assign(
      items.find((i) => i.key === 'OSM-R1')!,
      { code: 'S-CANILLO', name: ' 卡尼略 ' },
    );
    setIncluded(items, 'OSM-R2', false);
    setIncluded(items, 'OSM-N9', false);
    const chosen = selectedDraft(DRAFT, items);
    expect(chosen.grids.features.map((f) => f.properties)).toEqual([
      { code: 'S-CANILLO', name: '卡尼略', level: 'street', parentCode: null },
      { code: 'OSM-R3', name: 'Soldeu', level: 'community', parentCode: 'S-CANILLO' },
    ]);
    expect(chosen.stations.features).toEqual([]);
  });

  it('lists each street with its communities under it', () => {
    expect(gridRowsInTreeOrder(draftItems(DRAFT)).map((i) => i.key)).toEqual(['OSM-R1', 'OSM-R3', 'OSM-R2']);
  });
});

const report = (kind: 'grids' | 'stations', dryRun: boolean, create: number, reject = 0): ImportReport => ({
  kind,
  dryRun,
  applied: !dryRun && reject === 0,
  counts: { create, update: 0, unchanged: 0, reject },
  rows: [],
});

function mountPanel(routes: Record<string, Route>) {
  const calls = stubApi(routes);
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    missingWarn: false,
    fallbackWarn: false,
    messages: { 'zh-CN': { ...zhCN, ...adminZhCN, ...geographyZhCN } },
  });
  const w = mount(DraftPanel, { props: { draft: DRAFT }, global: { plugins: [freshPinia(), i18n] }, attachTo: document.body });
  return { w, calls };
}

describe('DraftPanel', () => {
  it('untick and rename, 导入所选 runs the dry run with the edited rows, then 确认导入 imports them', async () => {
    const { w, calls } = mountPanel({
      'POST /api/admin/import/grids?dryRun=true': () => ({ status: 200, body: report('grids', true, 2) }),
      'POST /api/admin/import/grids?dryRun=false': () => ({ status: 200, body: report('grids', false, 2) }),
      'POST /api/admin/import/stations?dryRun=true': () => ({ status: 200, body: report('stations', true, 1) }),
      'POST /api/admin/import/stations?dryRun=false': () => ({ status: 200, body: report('stations', false, 1) }),
    });
    expect(w.get('[data-testid=draft-source]').text()).toContain('行政边界');
    expect(w.findAll('[data-testid=draft-grids] tbody tr').map((r) => r.attributes('data-key'))).toEqual(['OSM-R1', 'OSM-R3', 'OSM-R2']);
    await w.get('[data-testid=draft-grids] tr[data-key="OSM-R2"] input[type=checkbox]').setValue(false);
    await w.get('[data-testid=draft-grids] tr[data-key="OSM-R3"] input.name').setValue('索尔德乌');
    expect(w.get('[data-testid=draft-count]').text()).toBe('已选 2 个区域、1 个站点');
    expect(w.find('[data-testid=draft-apply]').exists()).toBe(false);

    await w.get('[data-testid=draft-check]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/admin/import/grids?dryRun=true', 'POST /api/admin/import/stations?dryRun=true']);
    const sent = calls[0]!.body as GeographyDraft['grids'];
    expect(sent.features.map((f) => [f.properties.code, f.properties.name])).toEqual([
      ['OSM-R1', 'Canillo'],
      ['OSM-R3', '索尔德乌'],
    ]);
    expect(w.get('[data-testid=draft-checked]').text()).toContain('试导入通过');
    expect(w.findAll('[data-testid=import-report]')).toHaveLength(2);

    await w.get('[data-testid=draft-apply]').trigger('click');
    await flushPromises();
    expect(calls.slice(2).map((c) => c.path)).toEqual(['/api/admin/import/grids?dryRun=false', '/api/admin/import/stations?dryRun=false']);
    expect(w.emitted('done')).toEqual([['已导入 2 个区域、1 个站点']]);
  });

  it('a refused row in the dry run offers no 确认导入 and says what to do', async () => {
    const { w } = mountPanel({
      'POST /api/admin/import/grids?dryRun=true': () => ({ status: 200, body: report('grids', true, 2, 1) }),
      'POST /api/admin/import/stations?dryRun=true': () => ({ status: 200, body: report('stations', true, 1) }),
    });
    await w.get('[data-testid=draft-check]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=draft-refused]').text()).toContain('1 行被拒绝');
    expect(w.find('[data-testid=draft-apply]').exists()).toBe(false);
  });
});
