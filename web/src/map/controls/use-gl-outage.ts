import { computed, onScopeDispose, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { GlContextHealth } from '../core/gl-context-health';
import { AUTO_RELOAD_RETRY_MS, autoReloadAt, glOutagePhase, type GlOutagePhase } from './gl-outage-policy';

/** Where the last automatic reload is remembered (survives the reload, and a kiosk restart). */
export const AUTO_RELOAD_KEY = 'lianfang.glAutoReloadAt';

export interface GlOutageDeps {
  reload: () => void;
  /** true when the server answers and the login is still good: a reload then comes back logged in */
  sessionValid: () => Promise<boolean>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export interface GlOutage {
  phase: ComputedRef<GlOutagePhase>;
  lostAt: Ref<number | null>;
  /** whole seconds until the automatic reload; null when none is planned */
  reloadInSeconds: ComputedRef<number | null>;
  reloadNow: () => void;
}

/**
 * What the wall says and does while the map's WebGL context is lost: a clock that runs only
 * during the outage, the phase (see gl-outage-policy.ts), and the guarded automatic reload.
 */
export function useGlOutage(health: GlContextHealth, deps: GlOutageDeps): GlOutage {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  /** the planned automatic reload of this outage (pushed back when the session check fails) */
  const plannedAt = ref<number | null>(null);
  let checking = false;

  function lastAutoReload(): number | null {
    try {
      const value = Number(deps.storage.getItem(AUTO_RELOAD_KEY));
      return Number.isFinite(value) && value > 0 ? value : null;
    } catch {
      return null;
    }
  }

  async function tick(): Promise<void> {
    now.value = Date.now();
    if (plannedAt.value === null || now.value < plannedAt.value || checking) return;
    checking = true;
    try {
      // Reload only into a page that will load and stay logged in; else wait and ask again.
      if (!(await deps.sessionValid())) {
        plannedAt.value = Date.now() + AUTO_RELOAD_RETRY_MS;
        return;
      }
      if (health.state.value === 'ok') return;
      try {
        deps.storage.setItem(AUTO_RELOAD_KEY, String(Date.now()));
      } catch {
        // Storage full or blocked: without the note the loop guard cannot hold, so do not reload.
        plannedAt.value = null;
        return;
      }
      deps.reload();
    } finally {
      checking = false;
    }
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  watch(
    health.state,
    (state) => {
      now.value = Date.now();
      if (state === 'ok') {
        stop();
        plannedAt.value = null;
        return;
      }
      if (timer === null) {
        const lostAt = health.lostAt.value ?? Date.now();
        plannedAt.value = autoReloadAt(lostAt, lastAutoReload());
        timer = setInterval(() => void tick(), 1000);
      }
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return {
    phase: computed(() => glOutagePhase(health.state.value, health.lostAt.value, now.value)),
    lostAt: health.lostAt,
    reloadInSeconds: computed(() => (plannedAt.value === null ? null : Math.max(0, Math.ceil((plannedAt.value - now.value) / 1000)))),
    reloadNow: () => deps.reload(),
  };
}
