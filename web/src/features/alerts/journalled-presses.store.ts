import type { JournalledPress } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/**
 * Presses the server accepted while its database was away and has not yet
 * recorded ("received, not yet recorded"). They leave when the server says it
 * wrote them, or when their alert arrives in the sequenced feed.
 */
export const useJournalledPressesStore = defineStore('journalled-presses', () => {
  const byId = ref(new Map<string, JournalledPress>());

  /** Oldest first: the order the server will record them in. */
  const list = computed(() => [...byId.value.values()].sort((a, b) => (a.journalId < b.journalId ? -1 : 1)));

  function received(presses: readonly JournalledPress[]): void {
    const next = new Map(byId.value);
    for (const p of presses) next.set(p.journalId, p);
    byId.value = next;
  }

  function recorded(items: readonly { journalId: string }[]): void {
    const next = new Map(byId.value);
    for (const r of items) next.delete(r.journalId);
    byId.value = next;
  }

  /** An alert arrived: a press waiting under its id is recorded (also if its `intake:recorded` was missed). */
  function alertArrived(alertId: string): void {
    const waiting = [...byId.value.values()].filter((p) => p.alertId === alertId);
    if (waiting.length > 0) recorded(waiting);
  }

  /** On every (re)connect: the server sends the list still waiting. */
  function clear(): void {
    byId.value = new Map();
  }

  return { list, received, recorded, alertArrived, clear };
});
