/**
 * Browser side of the wall's position benchmark (run by run-positions-bench.ts).
 * 5,000 units on the real map; each batch of 5,000 positions takes the app's own path:
 * PositionCoalescer → units store applyPositions → UnitsLayer (unitFeatures → setData).
 */
import type { Position, Unit } from '@lianfang/shared';
import { FORCES } from '@lianfang/shared';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { createPinia } from 'pinia';
import { createApp, h, nextTick } from 'vue';
import { i18n } from '../src/app/i18n';
import '../src/app/theme.css';
import { useUnitsStore } from '../src/features/units/units.store';
import { unitFeatures } from '../src/map/features/unit-features';
import { PositionCoalescer } from '../src/realtime/position-coalescer';
import BenchMap from './BenchMap.vue';

const UNITS = Number(new URLSearchParams(location.search).get('units') ?? 5000);
const CENTER: [number, number] = [120.17, 30.26];
/** Units walk inside a square of about 10 km around the centre. */
const SPREAD = 0.05;

const pinia = createPinia();
const app = createApp({ render: () => h(BenchMap, { center: CENTER }) });
app.use(pinia).use(i18n);

const units = useUnitsStore(pinia);
const start = Date.now();
const seed: Unit[] = Array.from({ length: UNITS }, (_, i) => ({
  id: `u${i}`, callsign: `巡${String(i).padStart(4, '0')}`, force: FORCES[i % FORCES.length]!, mode: 'car', trackerId: `t${i}`, teamId: null,
  status: i % 5 === 0 ? 'en_route' : 'available', position: position(i, 0, start),
}));
units.replaceAll(seed);

/** Unit i after `step` seconds: a slow circle of its own, so every batch moves every unit. */
function position(i: number, step: number, t0: number): Position {
  const phase = (i * 2.399963) % (2 * Math.PI);
  const r = SPREAD * (((i * 7919) % 1000) / 1000);
  const a = phase + step * 0.002;
  const at = new Date(t0 + step * 1000).toISOString();
  return {
    unitId: `u${i}`, lat: CENTER[1] + r * Math.sin(a), lon: CENTER[0] + r * Math.cos(a), speedKmh: 30, heading: 90, accuracyM: 5,
    altitudeM: null, battery: 80, deviceTime: at, serverTime: at, flags: [],
  };
}

function batch(step: number): Position[] {
  const t0 = start;
  return Array.from({ length: UNITS }, (_, i) => position(i, step, t0));
}

// The app's coalescer, as realtime-session builds it.
const coalescer = new PositionCoalescer((b) => units.applyPositions(b), 250);

interface BenchApi {
  ready: Promise<void>;
  /** Feeds batch `step` and flushes it, as a non-position event would: ms of main thread until Vue has settled. */
  feed(step: number): Promise<number>;
  /** The baseline: a prebuilt FeatureCollection straight into the source (no store, no Vue), ms. */
  bare(step: number): number;
  /** ms spent in the last setData calls (wrapped), drained */
  takeSetDataMs(): number[];
  softwareRendering: boolean;
}

let map: MaplibreMap | null = null;
const setDataMs: number[] = [];
const ready = new Promise<void>((resolve) => {
  window.addEventListener('bench-map-ready', (e) => {
    map = (e as CustomEvent<MaplibreMap>).detail;
    const source = () => map!.getSource('units') as GeoJSONSource;
    // Time every setData of the units source, wherever it is called from (the layer throttles it).
    const wait = () => (source() ? wrap() : setTimeout(wait, 20));
    const wrap = () => {
      const s = source();
      const original = s.setData.bind(s) as (data: unknown) => GeoJSONSource;
      (s as unknown as { setData: (data: unknown) => GeoJSONSource }).setData = (data) => {
        const t = performance.now();
        const result = original(data);
        setDataMs.push(performance.now() - t);
        return result;
      };
      map!.once('idle', () => resolve());
    };
    wait();
  }, { once: true });
});

const api: BenchApi = {
  ready,
  async feed(step) {
    const fixes = batch(step);
    const t = performance.now();
    coalescer.add(fixes);
    coalescer.flush();
    await nextTick();
    return performance.now() - t;
  },
  bare(step) {
    const fixes = batch(step);
    const list = seed.map((u, i) => ({ ...u, position: fixes[i]! }));
    const data = unitFeatures(list, Date.now());
    const t = performance.now();
    (map!.getSource('units-bare') as GeoJSONSource).setData(data as never);
    return performance.now() - t;
  },
  takeSetDataMs: () => setDataMs.splice(0),
  get softwareRendering() {
    return document.querySelector('[data-testid=map]')?.getAttribute('data-software-rendering') === 'true';
  },
};
(window as unknown as { bench: BenchApi }).bench = api;

app.mount('#app');
void ready.then(() => {
  // A second source of the same shape for the baseline, drawn with a plain circle layer.
  map!.addSource('units-bare', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, maxzoom: 14 });
  map!.addLayer({ id: 'units-bare', type: 'circle', source: 'units-bare', paint: { 'circle-radius': 4, 'circle-color': ['get', 'fill'] } });
});
