import { effectScope, nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGlContextHealth, styleLoaded } from '../../src/map/core/gl-context-health';
import {
  ASK_RELOAD_AFTER_MS,
  AUTO_RELOAD_AFTER_MS,
  AUTO_RELOAD_MIN_GAP_MS,
  AUTO_RELOAD_RETRY_MS,
  glOutagePhase,
} from '../../src/map/controls/gl-outage-policy';
import { AUTO_RELOAD_KEY, useGlOutage } from '../../src/map/controls/use-gl-outage';

/** The outage clock of a wall whose map lost its WebGL context, with a reload and a session check that only record. */
function wall(options: { sessionValid?: boolean[]; lastAutoReloadAt?: number } = {}) {
  const health = createGlContextHealth();
  const stored = new Map<string, string>();
  if (options.lastAutoReloadAt !== undefined) stored.set(AUTO_RELOAD_KEY, String(options.lastAutoReloadAt));
  const answers = [...(options.sessionValid ?? [true])];
  const calls = { reload: 0, sessionChecks: 0 };
  const scope = effectScope();
  const outage = scope.run(() =>
    useGlOutage(health, {
      reload: () => (calls.reload += 1),
      sessionValid: async () => {
        calls.sessionChecks += 1;
        return answers.shift() ?? true;
      },
      storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    }),
  )!;
  async function lose(): Promise<void> {
    health.state.value = 'lost';
    health.lostAt.value = Date.now();
    await nextTick();
  }
  return { health, outage, calls, stored, scope, lose };
}

describe('a lost WebGL context on the wall', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-01-05T21:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('phases: nothing while ok, "recovering" at once, "reload" after half a minute', () => {
    const t0 = 1_000_000;
    expect(glOutagePhase('ok', t0, t0 + 10 * ASK_RELOAD_AFTER_MS)).toBe('none');
    expect(glOutagePhase('lost', t0, t0)).toBe('recovering');
    expect(glOutagePhase('restoring', t0, t0 + ASK_RELOAD_AFTER_MS - 1)).toBe('recovering');
    expect(glOutagePhase('lost', t0, t0 + ASK_RELOAD_AFTER_MS)).toBe('reload');
    expect(glOutagePhase('restoring', null, t0)).toBe('recovering');
  });

  it('a restore in time clears it and nothing reloads', async () => {
    const w = wall();
    await w.lose();
    expect(w.outage.phase.value).toBe('recovering');
    await vi.advanceTimersByTimeAsync(5000);
    w.health.state.value = 'restoring';
    await nextTick();
    expect(w.outage.phase.value).toBe('recovering');
    styleLoaded(w.health);
    await nextTick();
    expect(w.outage.phase.value).toBe('none');
    await vi.advanceTimersByTimeAsync(5 * AUTO_RELOAD_AFTER_MS);
    expect(w.calls).toEqual({ reload: 0, sessionChecks: 0 });
    w.scope.stop();
  });

  it('asks for a reload, counts down, and reloads once the session is known good (noting when, against loops)', async () => {
    const w = wall();
    await w.lose();
    await vi.advanceTimersByTimeAsync(ASK_RELOAD_AFTER_MS);
    expect(w.outage.phase.value).toBe('reload');
    expect(w.outage.reloadInSeconds.value).toBe((AUTO_RELOAD_AFTER_MS - ASK_RELOAD_AFTER_MS) / 1000);
    await vi.advanceTimersByTimeAsync(AUTO_RELOAD_AFTER_MS - ASK_RELOAD_AFTER_MS - 2000);
    expect(w.calls.reload).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.calls).toEqual({ reload: 1, sessionChecks: 1 });
    expect(Number(w.stored.get(AUTO_RELOAD_KEY))).toBe(Date.now());
    w.scope.stop();
  });

  it('does not reload into a dead server or an expired login: it waits and asks again', async () => {
    const w = wall({ sessionValid: [false, true] });
    await w.lose();
    await vi.advanceTimersByTimeAsync(AUTO_RELOAD_AFTER_MS);
    expect(w.calls).toEqual({ reload: 0, sessionChecks: 1 });
    expect(w.outage.reloadInSeconds.value).toBe(AUTO_RELOAD_RETRY_MS / 1000);
    await vi.advanceTimersByTimeAsync(AUTO_RELOAD_RETRY_MS);
    expect(w.calls).toEqual({ reload: 1, sessionChecks: 2 });
    w.scope.stop();
  });

  it('never reloads by itself twice within the loop guard: then a person has to', async () => {
    const w = wall({ lastAutoReloadAt: Date.now() - AUTO_RELOAD_MIN_GAP_MS / 2 });
    await w.lose();
    await vi.advanceTimersByTimeAsync(ASK_RELOAD_AFTER_MS);
    expect(w.outage.phase.value).toBe('reload');
    expect(w.outage.reloadInSeconds.value).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * AUTO_RELOAD_AFTER_MS);
    expect(w.calls).toEqual({ reload: 0, sessionChecks: 0 });
    w.outage.reloadNow();
    expect(w.calls.reload).toBe(1);
    w.scope.stop();
  });

  it('an older automatic reload does not stand in the way', async () => {
    const w = wall({ lastAutoReloadAt: Date.now() - AUTO_RELOAD_MIN_GAP_MS - 1 });
    await w.lose();
    await vi.advanceTimersByTimeAsync(AUTO_RELOAD_AFTER_MS);
    expect(w.calls.reload).toBe(1);
    w.scope.stop();
  });
});
