import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCommandOutboxStore } from '../../src/realtime/outbox/command-outbox.store';
import { OutboxFlusher, type CommandTransport } from '../../src/realtime/outbox/outbox-flusher';
import type { DeliveryResult, QueuedCommand } from '../../src/realtime/outbox/queued-command';
import { freshPinia } from '../support/test-app';

function status(id: string, s: 'available' | 'busy' | 'on_scene'): QueuedCommand {
  return { id, kind: 'unit:status', createdAt: `2025-01-01T08:00:0${id.slice(-1)}Z`, unitId: 'u1', status: s };
}

describe('OutboxFlusher', () => {
  beforeEach(() => {
    localStorage.clear();
    freshPinia();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps commands made offline and sends them one by one, in order, once connected', async () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('c');
    let connected = false;
    const sent: string[] = [];
    const transport: CommandTransport = {
      isConnected: () => connected,
      send: async (c) => {
        sent.push(c.id);
        return { outcome: 'delivered' };
      },
    };
    const flusher = new OutboxFlusher(outbox, transport, 1000);
    outbox.enqueue(status('s1', 'busy'));
    outbox.enqueue(status('s2', 'on_scene'));
    outbox.enqueue(status('s3', 'available'));
    flusher.kick();
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
    expect(outbox.pendingCount).toBe(3);

    connected = true;
    flusher.kick();
    await vi.runAllTimersAsync();
    expect(sent).toEqual(['s1', 's2', 's3']);
    expect(outbox.pendingCount).toBe(0);
  });

  it('stops at a failed delivery, keeps that command first, and tries again later', async () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('c');
    const answers: DeliveryResult[] = [{ outcome: 'retry', message: 'timeout' }, { outcome: 'delivered' }, { outcome: 'delivered' }];
    const sent: string[] = [];
    const flusher = new OutboxFlusher(
      outbox,
      {
        isConnected: () => true,
        send: async (c) => {
          sent.push(c.id);
          return answers.shift() ?? { outcome: 'delivered' };
        },
      },
      1000,
    );
    outbox.enqueue(status('s1', 'busy'));
    outbox.enqueue(status('s2', 'on_scene'));
    flusher.kick();
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toEqual(['s1']);
    expect(outbox.pendingCount).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['s1', 's1', 's2']);
    expect(outbox.pendingCount).toBe(0);
  });

  it('drops a command the server refused for good and reports why', async () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('c');
    const flusher = new OutboxFlusher(outbox, { isConnected: () => true, send: async () => ({ outcome: 'refused', message: 'forbidden' }) });
    outbox.enqueue(status('s1', 'busy'));
    flusher.kick();
    await vi.advanceTimersByTimeAsync(10);
    expect(outbox.pendingCount).toBe(0);
    expect(outbox.outcomes.s1?.result).toEqual({ outcome: 'refused', message: 'forbidden' });
  });
});
