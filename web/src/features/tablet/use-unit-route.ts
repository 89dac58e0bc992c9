import type { Incident, Position, UnitRoute } from '@lianfang/shared';
import { distanceM } from '@lianfang/shared';
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { ApiRequestError } from '../../api/api-errors';
import { fetchUnitRoute } from './tablet.api';

/** Ask again after the unit moved this far, or this long after the last answer, whichever comes first. */
const MOVED_M = 60;
const REFRESH_MS = 15_000;

export type RouteState =
  { kind: 'idle' } | { kind: 'loading' } | { kind: 'no_fix' } | { kind: 'ready'; route: UnitRoute } | { kind: 'failed'; message: string };

/**
 * The road route and ETA from this tablet's unit to its current incident, kept fresh as the unit
 * moves: asked when the incident changes, then again after MOVED_M or REFRESH_MS. The server
 * computes it (same road graph and ETA rule as the desk's candidates).
 */
export function useUnitRoute(incident: () => Incident | null, unitId: () => string | null, position: () => Position | null): Ref<RouteState> {
  const state = ref<RouteState>({ kind: 'idle' });
  let controller: AbortController | null = null;
  let asked: { incidentId: string; lat: number; lon: number; at: number } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function ask(force: boolean): Promise<void> {
    const i = incident();
    const u = unitId();
    const p = position();
    if (!i || !u) {
      state.value = { kind: 'idle' };
      asked = null;
      return;
    }
    if (!p) {
      state.value = { kind: 'no_fix' };
      return;
    }
    const sameIncident = asked?.incidentId === i.id;
    if (!force && sameIncident && asked && distanceM(asked.lat, asked.lon, p.lat, p.lon) < MOVED_M && Date.now() - asked.at < REFRESH_MS) return;
    controller?.abort();
    controller = new AbortController();
    asked = { incidentId: i.id, lat: p.lat, lon: p.lon, at: Date.now() };
    if (!sameIncident || state.value.kind !== 'ready') state.value = { kind: 'loading' };
    try {
      state.value = { kind: 'ready', route: await fetchUnitRoute(i.id, u, controller.signal) };
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      // A route already shown stays (a moment without signal should not blank the map).
      if (state.value.kind === 'ready' && !(err instanceof ApiRequestError)) return;
      state.value = { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
    }
  }

  watch(
    () => {
      const i = incident();
      return i ? `${i.id}|${i.lat}|${i.lon}|${unitId() ?? ''}` : null;
    },
    () => void ask(true),
    { immediate: true },
  );
  watch(position, () => void ask(false));
  timer = setInterval(() => void ask(false), REFRESH_MS);
  onBeforeUnmount(() => {
    controller?.abort();
    if (timer) clearInterval(timer);
  });
  return state;
}
