import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/**
 * - connecting: first handshake of this page
 * - live: connected and applied up to `lastSeq` with no known gap
 * - resyncing: connected, a gap was seen, waiting for the server's replay or snapshot
 * - reconnecting: lost the link, Socket.IO is retrying
 * - offline: gave up or logged out
 */
export type ConnectionState = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'offline';

/** Connection state and the last applied `seq`, shown on every screen (no silent gaps). */
export const useSocketStore = defineStore('socket', () => {
  const state = ref<ConnectionState>('offline');
  const lastSeq = ref(0);
  /** when the picture was last brought forward (any applied message), ms since epoch */
  const lastAppliedAt = ref<number | null>(null);
  const lastSync = ref<{ mode: 'snapshot' | 'replay'; at: number } | null>(null);
  const lastError = ref<string | null>(null);
  /** true once a snapshot arrived: only then may a reconnect ask for a replay from `lastSeq` */
  const hasBaseline = ref(false);
  /** the history `lastSeq` counts in (the server's database log identity): a replay is asked only within it */
  const history = ref<string | null>(null);
  /** server clock minus this screen's clock, so timers read the same on every screen */
  const serverClockOffsetMs = ref(0);

  const isLive = computed(() => state.value === 'live');

  function setState(next: ConnectionState): void {
    state.value = next;
    if (next === 'live') lastError.value = null;
  }

  function markApplied(seq: number): void {
    lastSeq.value = seq;
    lastAppliedAt.value = Date.now();
  }

  function markSynced(mode: 'snapshot' | 'replay'): void {
    lastSync.value = { mode, at: Date.now() };
  }

  function markBaseline(seq: number, ofHistory?: string): void {
    hasBaseline.value = true;
    history.value = ofHistory ?? null;
    markApplied(seq);
  }

  function setServerClock(serverTime: string): void {
    const server = Date.parse(serverTime);
    if (Number.isFinite(server)) serverClockOffsetMs.value = server - Date.now();
  }

  function setError(message: string | null): void {
    lastError.value = message;
  }

  /** A different login must not resume from the previous user's seq. */
  function reset(): void {
    state.value = 'offline';
    lastSeq.value = 0;
    lastAppliedAt.value = null;
    lastSync.value = null;
    lastError.value = null;
    hasBaseline.value = false;
    history.value = null;
  }

  return {
    state,
    lastSeq,
    lastAppliedAt,
    lastSync,
    lastError,
    hasBaseline,
    history,
    serverClockOffsetMs,
    isLive,
    setState,
    markApplied,
    markBaseline,
    markSynced,
    setServerClock,
    setError,
    reset,
  };
});
