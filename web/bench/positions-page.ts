/**
 * Browser side of the wall's position benchmark (run by run-positions-bench.ts).
 * 5,000 units on the real map; each batch of 5,000 positions takes the app's own path:
 * PositionCoalescer → units store applyPositions → UnitsLayer (GPU layer: typed-array slots, repaint).
 * Baseline: the old path, the same 5,000 units as GeoJSON features handed to a GeoJSON source's setData.
 */
import type { Position, Unit } from '@lianfang/shared';
import { FORCES } from '@lianfang/shared';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { createPinia } from 'pinia';
import { createApp, h, nextTick } from 'vue';
import { i18n } from '../src/app/i18n';
import '../src/app/theme.css';
import { useUnitsStore } from '../src/features/units/units.store';
import { useMapLayersStore } from '../src/features/wall/map-layers.store';
import { PositionCoalescer } from '../src/realtime/position-coalescer';
import BenchMap from './BenchMap.vue';
import { unitFeatures } from './geojson-unit-features';

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
  id: `u${i}`,
  callsign: `巡${String(i).padStart(4, '0')}`,
  force: FORCES[i % FORCES.length]!,
  mode: 'car',
  teamId: null,
  status: i % 5 === 0 ? 'en_route' : 'available',
  position: position(i, 0, start),
}));
units.replaceAll(seed);

/** Unit i after `step` seconds: a slow circle of its own, so every batch moves every unit. */
function position(i: number, step: number, t0: number): Position {
  const phase = (i * 2.399963) % (2 * Math.PI);
  const r = SPREAD * (((i * 7919) % 1000) / 1000);
  const a = phase + step * 0.002;
  const at = new Date(t0 + step * 1000).toISOString();
  return {
    unitId: `u${i}`,
    lat: CENTER[1] + r * Math.sin(a),
    lon: CENTER[0] + r * Math.cos(a),
    speedKmh: 30,
    heading: 90,
    accuracyM: 5,
    altitudeM: null,
    battery: 80,
    deviceTime: at,
    serverTime: at,
    flags: [],
  };
}

function batch(step: number): Position[] {
  const t0 = start;
  return Array.from({ length: UNITS }, (_, i) => position(i, step, t0));
}

/** Resolves at the next task: every microtask queued before (MapLibre's hand-off to its worker) has run. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

// The app's coalescer, as realtime-session builds it.
const coalescer = new PositionCoalescer((b) => units.applyPositions(b), 250);

/**
 * ms of one batch. total and layer run up to the next task, minus a frame the browser drew in between
 * (frameInWindow: from the frame's start to the task, reported apart; raw includes it); layerSync is the
 * layer's watcher alone (slot writes).
 */
export interface FeedTimes {
  total: number;
  coalescer: number;
  store: number;
  layer: number;
  layerSync: number;
  frameInWindow: number;
  raw: number;
}

interface BenchApi {
  ready: Promise<void>;
  /** Feeds batch `step` and flushes it, as a non-position event would: ms of main thread until Vue has settled, by stage. */
  feed(step: number): Promise<FeedTimes>;
  /** The baseline (the old GeoJSON path): the same units as features, setData on a GeoJSON source, ms. */
  bare(step: number): Promise<number>;
  /** ms inside the baseline's setData calls, drained */
  takeSetDataMs(): number[];
  /** shows one path's markers and hides the other's, so whole-main-thread figures are per path */
  show(which: 'app' | 'bare'): void;
  /** units the GPU layer draws, and whether unit u1's bytes follow its last position */
  probeFrame(step: number): Promise<Record<string, number>>;
  check(): { drawn: number; u1: { x: number; y: number } | null };
  /** diagnostics: where the layer stage's time goes */
  probe(): Record<string, number | string>;
  softwareRendering: boolean;
}

let map: MaplibreMap | null = null;
const setDataMs: number[] = [];

/**
 * Stamps the start of the next frame (requestAnimationFrame callbacks run at its start). When the
 * browser draws a frame between a batch and the next task, the time from there to the task is
 * rendering (here SwiftShader's software GL, waited for on the main thread), not batch processing.
 */
function frameStart(): { at: number | null } {
  const stamp: { at: number | null } = { at: null };
  requestAnimationFrame(() => (stamp.at = performance.now()));
  return stamp;
}
const ready = new Promise<void>((resolve) => {
  window.addEventListener(
    'bench-map-ready',
    (e) => {
      map = (e as CustomEvent<MaplibreMap>).detail;
      map.once('idle', () => resolve());
    },
    { once: true },
  );
});

const api: BenchApi = {
  ready,
  async feed(step) {
    const fixes = batch(step);
    const frame = frameStart();
    const t0 = performance.now();
    coalescer.add(fixes);
    const t1 = performance.now();
    coalescer.flush();
    const t2 = performance.now();
    // The layer's watcher (slot writes, triggerRepaint) runs in Vue's scheduler flush; anything
    // queued after it in microtasks is counted too, up to the next task. The upload (one
    // bufferSubData) and the draw happen in the next animation frame: whole-main-thread figure.
    await nextTick();
    const tSync = performance.now();
    await nextTask();
    const t3 = performance.now();
    const inFrame = frame.at === null ? 0 : t3 - Math.max(frame.at, tSync);
    return {
      total: t3 - t0 - inFrame,
      coalescer: t1 - t0,
      store: t2 - t1,
      layer: t3 - t2 - inFrame,
      layerSync: tSync - t2,
      frameInWindow: inFrame,
      raw: t3 - t0,
    };
  },
  async bare(step) {
    const fixes = batch(step);
    const frame = frameStart();
    const t = performance.now();
    const list = seed.map((u, i) => ({ ...u, position: fixes[i]! }));
    const data = unitFeatures(list, Date.now());
    const s = performance.now();
    (map!.getSource('units-bare') as GeoJSONSource).setData(data as never);
    const afterSetData = performance.now();
    setDataMs.push(afterSetData - s);
    await nextTask();
    const end = performance.now();
    return end - t - (frame.at === null ? 0 : end - Math.max(frame.at, afterSetData));
  },
  takeSetDataMs: () => setDataMs.splice(0),
  probe() {
    const t0 = performance.now();
    const list = units.list;
    const t1 = performance.now();
    unitFeatures(list, Date.now());
    const t2 = performance.now();
    return { list: t1 - t0, geojsonFeatures: t2 - t1, drawn: window.lianfangUnits?.drawnCount() ?? -1 };
  },
  show(which) {
    map!.setLayoutProperty('units-bare', 'visibility', which === 'bare' ? 'visible' : 'none');
    // The wall's own layer toggle hides the GPU layer (it keeps its buffer up to date).
    const layers = useMapLayersStore(pinia);
    if (layers.shown.units !== (which === 'app')) layers.toggle('units');
  },
  async probeFrame(step) {
    // Where the time between a batch and the next task goes: stamps of the frame's stages.
    const marks: Record<string, number> = {};
    const t0 = performance.now();
    requestAnimationFrame(() => (marks.rafCallback = performance.now() - t0));
    map!.once('render', () => (marks.mapRendered = performance.now() - t0));
    coalescer.add(batch(step));
    coalescer.flush();
    await nextTick();
    marks.watcherDone = performance.now() - t0;
    await nextTask();
    marks.nextTask = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 0));
    marks.nextTimeout = performance.now() - t0;
    return marks;
  },
  check: () => ({ drawn: window.lianfangUnits?.drawnCount() ?? 0, u1: window.lianfangUnits?.screenPosition('u1') ?? null }),
  get softwareRendering() {
    return document.querySelector('[data-testid=map]')?.getAttribute('data-software-rendering') === 'true';
  },
};
(window as unknown as { bench: BenchApi }).bench = api;

app.mount('#app');
void ready.then(() => {
  // The baseline's source, drawn as the wall drew units before the GPU layer (its circle layer: force
  // colour, status ring, stale faded, sorted), so whole-main-thread figures compare like with like.
  map!.addSource('units-bare', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, maxzoom: 14 });
  map!.addLayer({
    id: 'units-bare',
    type: 'circle',
    source: 'units-bare',
    layout: { 'circle-sort-key': ['get', 'rank'] },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4.5, 14, 7, 17, 9],
      'circle-color': ['get', 'fill'],
      'circle-stroke-color': ['get', 'ring'],
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 14, 2.5],
      'circle-opacity': ['case', ['get', 'stale'], 0.55, 1],
      'circle-stroke-opacity': ['case', ['get', 'stale'], 0.6, 1],
    },
  });
});
