import type { GlContextState } from '../core/gl-context-health';

/**
 * When a lost WebGL context that does not come back turns from "wait" into "reload".
 * Browsers give a context back within seconds when they can (a GPU process restart, a driver
 * update); one that is still gone after half a minute will most likely never return on this page.
 */
export const ASK_RELOAD_AFTER_MS = 30_000;
/**
 * An unattended wall reloads itself after this long: a dark map nobody walks over to fix is the
 * failure this exists for. The login survives a reload (token in localStorage) and the picture comes
 * back from the snapshot; the alert sound may need a click again (browser autoplay rules).
 */
export const AUTO_RELOAD_AFTER_MS = 90_000;
/** At most one automatic reload per this long: a GPU that fails again right away must not make the wall reload in a loop. */
export const AUTO_RELOAD_MIN_GAP_MS = 15 * 60_000;
/** When the session check before an automatic reload fails (server away, login expired), try again after this long. */
export const AUTO_RELOAD_RETRY_MS = 60_000;

export type GlOutagePhase = 'none' | 'recovering' | 'reload';

export function glOutagePhase(state: GlContextState, lostAt: number | null, now: number): GlOutagePhase {
  if (state === 'ok') return 'none';
  return lostAt !== null && now - lostAt >= ASK_RELOAD_AFTER_MS ? 'reload' : 'recovering';
}

/**
 * When this outage may reload the page by itself, or null when it may not: the screen already
 * reloaded itself within AUTO_RELOAD_MIN_GAP_MS (then only a person reloads).
 */
export function autoReloadAt(lostAt: number, lastAutoReloadAt: number | null): number | null {
  const at = lostAt + AUTO_RELOAD_AFTER_MS;
  if (lastAutoReloadAt !== null && at - lastAutoReloadAt < AUTO_RELOAD_MIN_GAP_MS) return null;
  return at;
}
