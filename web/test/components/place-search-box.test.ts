import { flushPromises, mount } from '@vue/test-utils';
import type { Place } from '@lianfang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { placesEn } from '../../src/app/locales/places.en';
import PlaceSearchBox from '../../src/features/places/PlaceSearchBox.vue';
import { distanceLabel, locationTextOf, placeName } from '../../src/features/places/place-names';
import { testPlugins } from '../support/test-app';

const PLACES: Place[] = [
  { id: 'street:1', kind: 'street', name: '中山东路', nameEn: 'East Zhongshan Road', lat: 32.0432, lon: 118.788, distanceM: 120 },
  {
    id: 'crossing:4',
    kind: 'crossing',
    name: '中山东路与洪武路交叉口',
    nameEn: 'East Zhongshan Road / Hongwu Road',
    lat: 32.0436,
    lon: 118.7829,
    distanceM: 1450,
  },
];

/** The server's /api/places as the box sees it over HTTP: records each request. */
function fakePlaces(): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify({ places: PLACES }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return urls;
}

function mountBox() {
  const { plugins, i18n } = testPlugins();
  i18n.global.mergeLocaleMessage('en', placesEn);
  const wrapper = mount(PlaceSearchBox, { props: { near: () => ({ lat: 32.04, lon: 118.78 }), testid: 'box' }, global: { plugins }, attachTo: document.body });
  return wrapper;
}

async function typeAndWait(wrapper: ReturnType<typeof mountBox>, text: string) {
  await wrapper.get('[data-testid=box-input]').setValue(text);
  await vi.advanceTimersByTimeAsync(200);
  await flushPromises();
}

describe('place search box', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('searches once the typing pauses, near the given point, and lists names in the screen’s language with kind and distance', async () => {
    vi.useFakeTimers();
    const urls = fakePlaces();
    const wrapper = mountBox();
    await typeAndWait(wrapper, 'zsdl');
    expect(urls).toEqual(['/api/places?q=zsdl&limit=8&near=32.040000%2C118.780000']);
    const rows = wrapper.findAll('[data-testid=box-result]');
    expect(rows.map((r) => r.text())).toEqual(['East Zhongshan RoadStreet120 m', 'East Zhongshan Road / Hongwu RoadCrossing1.4 km']);
    expect(rows[0]!.attributes('aria-selected')).toBe('true');
  });

  it('↓ ↑ move, Enter picks; the keys stay in the box', async () => {
    vi.useFakeTimers();
    fakePlaces();
    const wrapper = mountBox();
    const outside = vi.fn();
    document.body.addEventListener('keydown', outside);
    await typeAndWait(wrapper, 'zsdl');
    const input = wrapper.get('[data-testid=box-input]');
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.findAll('[data-testid=box-result]')[1]!.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'ArrowDown' }); // wraps to the first
    await input.trigger('keydown', { key: 'ArrowUp' }); // and back to the last
    await input.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('pick')).toEqual([[PLACES[1]]]);
    expect(wrapper.findAll('[data-testid=box-result]')).toHaveLength(0);
    expect((input.element as HTMLInputElement).value).toBe('East Zhongshan Road / Hongwu Road');
    expect(outside).not.toHaveBeenCalled();
  });

  it('Esc clears; with nothing left to clear it goes on to the page (the form closes, the wall steps back)', async () => {
    vi.useFakeTimers();
    fakePlaces();
    const wrapper = mountBox();
    const outside = vi.fn();
    document.body.addEventListener('keydown', outside);
    await typeAndWait(wrapper, 'zsdl');
    const input = wrapper.get('[data-testid=box-input]');
    await input.trigger('keydown', { key: 'Escape' });
    expect(wrapper.findAll('[data-testid=box-result]')).toHaveLength(0);
    expect((input.element as HTMLInputElement).value).toBe('');
    expect(outside).not.toHaveBeenCalled();
    await input.trigger('keydown', { key: 'Escape' });
    expect(outside).toHaveBeenCalledTimes(1);
  });
});

describe('place names', () => {
  it('names a place and a location text in the screen’s language', () => {
    expect(placeName(PLACES[0]!, 'zh-CN')).toBe('中山东路');
    expect(placeName(PLACES[0]!, 'en')).toBe('East Zhongshan Road');
    expect(placeName({ name: 'Carrer Major', nameEn: null }, 'en')).toBe('Carrer Major');
    expect(locationTextOf({ zh: '中山东路 · 新街口一网格', en: 'East Zhongshan Road · grid 新街口一网格' }, 'en')).toBe(
      'East Zhongshan Road · grid 新街口一网格',
    );
    expect(locationTextOf(null, 'zh-CN')).toBe('');
    expect([distanceLabel(null), distanceLabel(94), distanceLabel(1449)]).toEqual(['', '90 m', '1.4 km']);
  });
});
