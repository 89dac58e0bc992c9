import { computed, onScopeDispose, ref, type ComputedRef, type Ref } from 'vue';
import { useSocketStore } from '../realtime/socket.store';

/**
 * One shared ticking clock per interval for the whole page, corrected to the
 * server's clock: every elapsed timer on the wall reads the same second.
 */
const clocks = new Map<number, { now: Ref<number>; users: number; timer: ReturnType<typeof setInterval> }>();

export function useNow(intervalMs = 1000): ComputedRef<number> {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    const now = ref(Date.now());
    clock = { now, users: 0, timer: setInterval(() => (now.value = Date.now()), intervalMs) };
    clocks.set(intervalMs, clock);
  }
  const held = clock;
  held.users += 1;
  onScopeDispose(() => {
    held.users -= 1;
    if (held.users === 0) {
      clearInterval(held.timer);
      clocks.delete(intervalMs);
    }
  });
  const socket = useSocketStore();
  return computed(() => held.now.value + socket.serverClockOffsetMs);
}
