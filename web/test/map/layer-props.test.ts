import type { Grid } from '@lianfang/shared';
import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick, provide, ref, shallowRef } from 'vue';
import { describe, expect, it } from 'vitest';
import { createGlContextHealth } from '../../src/map/core/gl-context-health';
import { MAP_CONTEXT } from '../../src/map/core/map-context';
import type { FeatureCollection } from '../../src/map/geojson/geojson-types';
import GridsLayer from '../../src/map/layers/GridsLayer.vue';
import { styleMap } from '../support/fake-style-map';

const grid = (id: string, x: number): Grid => ({
  id,
  name: id,
  level: 'street',
  parentId: null,
  ring: [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
  ],
  leader: null,
  contacts: [],
});
const GRID_LAYERS = [
  'grids-street-fill',
  'grids-grid-line',
  'grids-community-line',
  'grids-street-line',
  'grids-street-label',
  'grids-community-label',
  'grids-grid-label',
];

/** A layer as a page uses it: its records and toggle are props of the host, no store anywhere. */
function mountGrids(grids: Grid[], visible: boolean) {
  const fake = styleMap();
  const props = ref({ grids, visible });
  const Host = defineComponent({
    setup() {
      provide(MAP_CONTEXT, {
        map: shallowRef(fake.map),
        ready: ref(true),
        styleGeneration: ref(0),
        uiScale: ref(1),
        softwareRendering: false,
        glContext: createGlContextHealth(),
        basemapBounds: ref(null),
      });
      return () => h(GridsLayer, props.value);
    },
  });
  return { fake, props, wrapper: mount(Host) };
}

const polygonIds = (data: unknown) => (data as FeatureCollection).features.filter((f) => f.geometry.type === 'Polygon').map((f) => f.properties.id);

describe('a map layer fed by props (GridsLayer)', () => {
  it('draws the records it is given, follows its visibility prop, and cleans up layers before its source', async () => {
    const { fake, props, wrapper } = mountGrids([grid('a', 0)], true);
    expect(polygonIds(fake.sources.get('grids')!.data)).toEqual(['a']);
    expect(GRID_LAYERS.map((id) => fake.layers.get(id)?.visibility)).toEqual(GRID_LAYERS.map(() => 'visible'));

    props.value = { grids: [grid('a', 0), grid('b', 2)], visible: true };
    await nextTick();
    expect(fake.sources.get('grids')!.sent).toBe(1);
    expect(polygonIds(fake.sources.get('grids')!.data)).toEqual(['a', 'b']);

    // Hidden: same source and place in the drawing order, no new data sent.
    props.value = { grids: props.value.grids, visible: false };
    await nextTick();
    expect(GRID_LAYERS.map((id) => fake.layers.get(id)?.visibility)).toEqual(GRID_LAYERS.map(() => 'none'));
    expect(fake.sources.get('grids')!.sent).toBe(1);

    wrapper.unmount();
    expect(fake.removed).toEqual([...[...GRID_LAYERS].reverse().map((id) => `layer:${id}`), 'source:grids']);
  });

  it('starts hidden when the page says so', () => {
    const { fake } = mountGrids([grid('a', 0)], false);
    expect(fake.layers.get('grids-street-line')?.visibility).toBe('none');
  });
});
