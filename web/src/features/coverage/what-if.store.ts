import type { Mode, WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { MODES } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { whatIfApi } from './what-if.api';

export interface WhatIfPoint {
  lat: number;
  lon: number;
}
export interface WhatIfPost extends WhatIfPoint {
  id: number;
  mode: Mode;
}

/**
 * The what-if on the wall: units dragged to new spots and temporary posts, and the server's answer.
 * Nothing here is ever sent as a command: leaving throws it all away. Each change asks again; an
 * answer that arrives after a newer question was asked is dropped.
 */
export const useWhatIfStore = defineStore('what-if', () => {
  const active = ref(false);
  const moves = ref<Record<string, WhatIfPoint>>({});
  const posts = ref<WhatIfPost[]>([]);
  const postMode = ref<Mode>('car');
  const reply = shallowRef<WhatIfReply | null>(null);
  const pending = ref(false);
  const error = ref<string | null>(null);
  let nextPostId = 1;
  let asked = 0;

  const changeCount = computed(() => Object.keys(moves.value).length + posts.value.length);
  const request = computed<WhatIfRequest>(() => ({
    add: posts.value.map(({ lat, lon, mode }) => ({ lat, lon, mode })),
    move: Object.entries(moves.value).map(([unitId, at]) => ({ unitId, lat: at.lat, lon: at.lon })),
  }));

  async function ask(): Promise<void> {
    const n = ++asked;
    pending.value = true;
    try {
      const answer = await whatIfApi.ask(request.value);
      if (n !== asked || !active.value) return;
      reply.value = answer;
      error.value = null;
    } catch (e) {
      if (n !== asked || !active.value) return;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (n === asked) pending.value = false;
    }
  }

  function open(): void {
    if (active.value) return;
    active.value = true;
    // The "now" figure at once, before anything is moved.
    void ask();
  }

  /** Leaves the what-if: every move and post is forgotten, nothing was committed. */
  function close(): void {
    active.value = false;
    moves.value = {};
    posts.value = [];
    reply.value = null;
    error.value = null;
    pending.value = false;
    asked++;
  }

  const toggle = () => (active.value ? close() : open());

  function moveUnit(unitId: string, at: WhatIfPoint): void {
    moves.value = { ...moves.value, [unitId]: { lat: at.lat, lon: at.lon } };
    void ask();
  }

  function undoMove(unitId: string): void {
    const { [unitId]: _undone, ...rest } = moves.value;
    moves.value = rest;
    void ask();
  }

  function addPost(at: WhatIfPoint): void {
    posts.value = [...posts.value, { id: nextPostId++, lat: at.lat, lon: at.lon, mode: postMode.value }];
    void ask();
  }

  function movePost(id: number, at: WhatIfPoint): void {
    posts.value = posts.value.map((p) => (p.id === id ? { ...p, lat: at.lat, lon: at.lon } : p));
    void ask();
  }

  function removePost(id: number): void {
    posts.value = posts.value.filter((p) => p.id !== id);
    void ask();
  }

  function clearChanges(): void {
    moves.value = {};
    posts.value = [];
    void ask();
  }

  /** Keys 1–4 choose the mode of the next post (foot, bike, moto, car). */
  function choosePostMode(n: number): void {
    const mode = MODES[n - 1];
    if (mode) postMode.value = mode;
  }

  /** Index of each post in the last request, for `unplacedAdds`. */
  const unplacedPostIds = computed(() => new Set((reply.value?.unplacedAdds ?? []).map((i) => posts.value[i]?.id).filter((id) => id !== undefined)));
  const unplacedUnitIds = computed(() => new Set(reply.value?.unplacedMoves ?? []));

  return {
    active,
    moves,
    posts,
    postMode,
    reply,
    pending,
    error,
    changeCount,
    unplacedPostIds,
    unplacedUnitIds,
    open,
    close,
    toggle,
    moveUnit,
    undoMove,
    addPost,
    movePost,
    removePost,
    clearChanges,
    choosePostMode,
  };
});
