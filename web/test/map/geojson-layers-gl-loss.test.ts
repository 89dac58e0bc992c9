import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick, provide, ref, shallowRef } from 'vue';
import { describe, expect, it } from 'vitest';
import { createGlContextHealth, styleLoaded } from '../../src/map/core/gl-context-health';
import { MAP_CONTEXT } from '../../src/map/core/map-context';
import { useGeoJsonLayers } from '../../src/map/core/use-geojson-layers';
import { featureCollection, type FeatureCollection } from '../../src/map/geojson/geojson-types';
import { styleMap } from '../support/fake-style-map';

const points = (n: number): FeatureCollection =>
  featureCollection(
    Array.from({ length: n }, (_, i) => ({
      type: 'Feature' as const,
      id: i,
      geometry: { type: 'Point' as const, coordinates: [120 + i * 0.01, 30] as [number, number] },
      properties: { n: i },
    })),
  );

describe('GeoJSON layers across a lost WebGL context', () => {
  it('leave the map alone while it is lost, then send the data and visibility of now into the sources MapLibre kept', async () => {
    const fake = styleMap();
    const glContext = createGlContextHealth();
    const styleGeneration = ref(0);
    const data = shallowRef(points(2));
    const shown = ref(true);
    const Layer = defineComponent({
      setup() {
        useGeoJsonLayers({
          sourceId: 'things',
          data: () => data.value,
          layers: () => [{ id: 'things-circle', type: 'circle', source: 'things' }],
          visible: () => shown.value,
        });
        // Static data (the roads): what MapLibre kept is still right.
        useGeoJsonLayers({ sourceId: 'roads', data: () => points(3), layers: () => [{ id: 'roads-line', type: 'line', source: 'roads' }] });
        return () => null;
      },
    });
    const Host = defineComponent({
      setup() {
        provide(MAP_CONTEXT, {
          map: shallowRef(fake.map),
          ready: ref(true),
          styleGeneration,
          uiScale: ref(1),
          softwareRendering: false,
          glContext,
          basemapBounds: ref(null),
        });
        return () => h(Layer);
      },
    });
    const errors: unknown[] = [];
    const wrapper = mount(Host, { global: { config: { errorHandler: (e) => void errors.push(e) } } });
    expect(fake.sources.get('things')!.data).toEqual(points(2));

    // Lost: MapLibre destroyed its style (kept a copy) and tells the map.
    fake.lose();
    glContext.state.value = 'lost';
    data.value = points(5);
    shown.value = false;
    await nextTick();
    expect(errors).toEqual([]);

    // Restored: the saved style is back (old data, old visibility), then style.load.
    fake.restore();
    glContext.state.value = 'restoring';
    await nextTick();
    expect(fake.sources.get('things')!.data).toEqual(points(2));
    styleLoaded(glContext);
    styleGeneration.value += 1;
    await nextTick();
    expect(glContext.state.value).toBe('ok');
    expect(fake.sources.get('things')!.data).toEqual(points(5));
    expect(fake.sources.get('things')!.sent).toBe(1);
    expect(fake.layers.get('things-circle')!.visibility).toBe('none');
    // Nothing changed there: not sent again (re-tiling static sources would double the restore).
    expect(fake.sources.get('roads')!.sent).toBe(0);

    // And back to normal: a change is one setData, an unchanged recompute none.
    const sent = fake.sources.get('things')!.sent;
    data.value = points(6);
    await nextTick();
    data.value = points(6);
    await nextTick();
    expect(fake.sources.get('things')!.sent).toBe(sent + 1);
    expect(errors).toEqual([]);
    wrapper.unmount();
  });
});
