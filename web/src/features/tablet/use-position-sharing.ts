import { onBeforeUnmount, ref, watch } from 'vue';
import { useCommandOutboxStore } from '../../realtime/outbox/command-outbox.store';
import { newCommandId } from '../../realtime/outbox/queued-command';
import { distanceM } from '@lianfang/shared';

export interface Fix {
  lat: number;
  lon: number;
  accuracyM: number | null;
  speedKmh: number | null;
  heading: number | null;
  at: number;
}
export type GeoProblem = 'denied' | 'unavailable' | null;

const DUTY_KEY = 'lianfang.onDuty';
/** A report at least this often while moving or standing still… */
const MIN_INTERVAL_MS = 5000;
/** …and sooner when the unit moved this far (a chase should not lag 5 s). */
const MOVED_M = 25;

/**
 * "On duty" = this tablet shares its position: `watchPosition` fixes become
 * `position:report` commands in the outbox (so they survive a dead link and
 * go out later with their original times).
 */
export function usePositionSharing(canShare: () => boolean) {
  const outbox = useCommandOutboxStore();
  const onDuty = ref(readDuty());
  const lastFix = ref<Fix | null>(null);
  const problem = ref<GeoProblem>(null);
  let watchId: number | null = null;
  let lastSent: Fix | null = null;

  function onPosition(pos: GeolocationPosition): void {
    const c = pos.coords;
    const fix: Fix = {
      lat: c.latitude,
      lon: c.longitude,
      accuracyM: Number.isFinite(c.accuracy) ? c.accuracy : null,
      speedKmh: c.speed !== null && c.speed >= 0 ? c.speed * 3.6 : null,
      heading: c.heading !== null && c.heading >= 0 && c.heading <= 360 ? c.heading : null,
      at: pos.timestamp || Date.now(),
    };
    lastFix.value = fix;
    problem.value = null;
    if (!onDuty.value || !canShare()) return;
    const due =
      !lastSent ||
      fix.at - lastSent.at >= MIN_INTERVAL_MS ||
      (fix.at - lastSent.at >= 1000 && distanceM(lastSent.lat, lastSent.lon, fix.lat, fix.lon) >= MOVED_M);
    if (!due) return;
    lastSent = fix;
    const at = new Date(fix.at).toISOString();
    outbox.enqueue({
      id: newCommandId(),
      kind: 'position:report',
      createdAt: at,
      payload: {
        lat: fix.lat,
        lon: fix.lon,
        at,
        ...(fix.accuracyM !== null ? { accuracyM: Math.min(fix.accuracyM, 100000) } : {}),
        ...(fix.speedKmh !== null ? { speedKmh: Math.min(fix.speedKmh, 1000) } : {}),
        ...(fix.heading !== null ? { heading: fix.heading } : {}),
      },
    });
  }

  function onError(err: GeolocationPositionError): void {
    problem.value = err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable';
  }

  function start(): void {
    if (watchId !== null) return;
    if (!('geolocation' in navigator)) {
      problem.value = 'unavailable';
      return;
    }
    watchId = navigator.geolocation.watchPosition(onPosition, onError, { enableHighAccuracy: true, maximumAge: 2000, timeout: 20_000 });
  }

  function stop(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }

  /** A position for the SOS: a recent fix, else ask once (briefly), else none (the server uses the unit's last). */
  async function currentFix(maxAgeMs = 30_000): Promise<Fix | null> {
    if (lastFix.value && Date.now() - lastFix.value.at < maxAgeMs) return lastFix.value;
    if (!('geolocation' in navigator)) return lastFix.value;
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          onPosition(pos);
          resolve(lastFix.value);
        },
        () => resolve(lastFix.value),
        { enableHighAccuracy: true, maximumAge: maxAgeMs, timeout: 3000 },
      );
    });
  }

  watch(
    onDuty,
    (value) => {
      writeDuty(value);
      if (value) start();
      else stop();
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);

  return { onDuty, lastFix, problem, currentFix };
}

function readDuty(): boolean {
  try {
    return localStorage.getItem(DUTY_KEY) === '1';
  } catch {
    return false;
  }
}

function writeDuty(value: boolean): void {
  try {
    localStorage.setItem(DUTY_KEY, value ? '1' : '0');
  } catch {
    // Not remembered across reloads; still applies now.
  }
}
