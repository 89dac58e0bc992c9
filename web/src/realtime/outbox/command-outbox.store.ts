import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { nextToSend, withinPositionBudget, type DeliveryResult, type QueuedCommand, type QueuedCommandKind } from './queued-command';

export interface CommandOutcome {
  kind: QueuedCommandKind;
  result: DeliveryResult;
  at: number;
}

const KEY_PREFIX = 'lianfang.outbox.';

/**
 * Commands waiting for the server, persisted in localStorage per user so a
 * tablet that loses signal (or power) keeps what the captain did. No socket
 * here: the realtime layer's flusher drains it.
 */
export const useCommandOutboxStore = defineStore('commandOutbox', () => {
  const owner = ref<string | null>(null);
  const queue = ref<QueuedCommand[]>([]);
  /** last outcome per command id, for the screen that is waiting on it (e.g. the SOS button) */
  const outcomes = ref<Record<string, CommandOutcome>>({});

  const pendingCount = computed(() => queue.value.length);
  const pendingAlerts = computed(() => queue.value.filter((c) => c.kind === 'alert:raise').length);

  /** Loads the queue of this user (another captain's commands must never leave under this login). */
  function loadFor(username: string | null): void {
    owner.value = username;
    queue.value = username ? load(username) : [];
    outcomes.value = {};
  }

  function enqueue(command: QueuedCommand): void {
    queue.value = withinPositionBudget([...queue.value, command]);
  }

  function peek(): QueuedCommand | undefined {
    return nextToSend(queue.value);
  }

  function settle(id: string, result: DeliveryResult): void {
    const command = queue.value.find((c) => c.id === id);
    if (!command) return;
    if (result.outcome !== 'retry') queue.value = queue.value.filter((c) => c.id !== id);
    // Positions are many and only their count matters to the screen: no outcome kept for them.
    if (command.kind !== 'position:report') outcomes.value = { ...outcomes.value, [id]: { kind: command.kind, result, at: Date.now() } };
  }

  watch(queue, (value) => {
    if (owner.value) save(owner.value, value);
  });

  return { owner, queue, outcomes, pendingCount, pendingAlerts, loadFor, enqueue, peek, settle };
});

function load(username: string): QueuedCommand[] {
  try {
    const raw = localStorage.getItem(KEY_PREFIX + username);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as QueuedCommand[]) : [];
  } catch {
    return [];
  }
}

function save(username: string, queue: QueuedCommand[]): void {
  try {
    localStorage.setItem(KEY_PREFIX + username, JSON.stringify(queue));
  } catch {
    // Storage full: the queue still lives in memory until sent.
  }
}
