import { mount } from '@vue/test-utils';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { defineComponent, h, nextTick, provide, ref, shallowRef, type Ref } from 'vue';
import { describe, expect, it } from 'vitest';
import AreaOverview from '../../src/map/controls/AreaOverview.vue';
import { createGlContextHealth } from '../../src/map/core/gl-context-health';
import { MAP_CONTEXT } from '../../src/map/core/map-context';
import type { Bounds } from '../../src/map/geojson/data-bounds';
import { testPlugins } from '../support/test-app';

const GRIDS: Bounds = [118.76, 32.03, 118.79, 32.05];
const EXTRACT: Bounds = [118.756, 32.029, 118.8, 32.059];
const UNITS: Bounds = [120.1, 30.2, 120.2, 30.3];

/** AreaOverview over a map that only records where it was fitted. */
function mountOverview(basemapBounds: Ref<Bounds | null>, props: Ref<{ grids: Bounds | null; fallback: Bounds | null }>) {
  const fitted: Bounds[] = [];
  const map = { getContainer: () => ({ clientWidth: 1600, clientHeight: 1000 }), fitBounds: (b: Bounds) => fitted.push(b) } as unknown as MaplibreMap;
  const Host = defineComponent({
    setup() {
      provide(MAP_CONTEXT, {
        map: shallowRef(map),
        ready: ref(true),
        styleGeneration: ref(0),
        uiScale: ref(1),
        softwareRendering: false,
        glContext: createGlContextHealth(),
        basemapBounds,
      });
      return () => h(AreaOverview, props.value);
    },
  });
  const wrapper = mount(Host, { global: { plugins: testPlugins().plugins } });
  return { fitted, wrapper };
}

describe('the wall opens on the jurisdiction', () => {
  it('fits the extract before the grids are known, then the grids, and never falls back to units once either is there', async () => {
    const basemap = ref<Bounds | null>(EXTRACT);
    const props = ref<{ grids: Bounds | null; fallback: Bounds | null }>({ grids: null, fallback: UNITS });
    const { fitted } = mountOverview(basemap, props);
    expect(fitted).toEqual([EXTRACT]);
    props.value = { grids: GRIDS, fallback: UNITS };
    await nextTick();
    expect(fitted).toEqual([EXTRACT, GRIDS]);
    // Grids that change later (an edit) do not pull the view away from where the operator is.
    props.value = { grids: [118.7, 32.0, 118.8, 32.1], fallback: UNITS };
    await nextTick();
    expect(fitted).toHaveLength(2);
  });

  it('without a served basemap, fits the stations and units, then the grids when they come', async () => {
    const props = ref<{ grids: Bounds | null; fallback: Bounds | null }>({ grids: null, fallback: null });
    const { fitted } = mountOverview(ref(null), props);
    expect(fitted).toEqual([]);
    props.value = { grids: null, fallback: UNITS };
    await nextTick();
    expect(fitted).toEqual([UNITS]);
    props.value = { grids: GRIDS, fallback: UNITS };
    await nextTick();
    expect(fitted).toEqual([UNITS, GRIDS]);
  });

  it('goes back to the grids on the overview button', async () => {
    const props = ref<{ grids: Bounds | null; fallback: Bounds | null }>({ grids: GRIDS, fallback: UNITS });
    const { fitted, wrapper } = mountOverview(ref(EXTRACT), props);
    await wrapper.find('button.overview').trigger('click');
    expect(fitted).toEqual([GRIDS, GRIDS]);
  });
});
