import { beforeEach, describe, expect, it } from 'vitest';
import { useCommandOutboxStore } from '../../src/realtime/outbox/command-outbox.store';
import { MAX_QUEUED_POSITIONS, type QueuedCommand } from '../../src/realtime/outbox/queued-command';
import { freshPinia } from '../support/test-app';

const pos = (id: string): QueuedCommand => ({ id, kind: 'position:report', createdAt: '2025-01-01T08:00:00Z', payload: { lat: 1, lon: 2 } });
const sos = (id: string): QueuedCommand => ({ id, kind: 'alert:raise', createdAt: '2025-01-01T08:00:00Z', payload: { kind: 'sos' } });

describe('command outbox store', () => {
  beforeEach(() => {
    localStorage.clear();
    freshPinia();
  });

  it('survives a reload (localStorage) and keeps each user’s queue apart', async () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('captain-a');
    outbox.enqueue(pos('p1'));
    outbox.enqueue(sos('s1'));
    await Promise.resolve();
    freshPinia();
    const reloaded = useCommandOutboxStore();
    reloaded.loadFor('captain-b');
    expect(reloaded.pendingCount).toBe(0);
    reloaded.loadFor('captain-a');
    expect(reloaded.queue.map((c) => c.id)).toEqual(['p1', 's1']);
  });

  it('sends alerts first, then everything else oldest first', () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('c');
    outbox.enqueue(pos('p1'));
    outbox.enqueue(pos('p2'));
    outbox.enqueue(sos('s1'));
    expect(outbox.peek()?.id).toBe('s1');
    outbox.settle('s1', { outcome: 'delivered' });
    expect(outbox.peek()?.id).toBe('p1');
    outbox.settle('p1', { outcome: 'retry', message: 'timeout' });
    expect(outbox.peek()?.id).toBe('p1');
  });

  it('thins the oldest positions past its budget but never drops an alert', () => {
    const outbox = useCommandOutboxStore();
    outbox.loadFor('c');
    outbox.enqueue(sos('s1'));
    for (let i = 0; i < MAX_QUEUED_POSITIONS + 5; i++) outbox.enqueue(pos(`p${i}`));
    expect(outbox.pendingCount).toBe(MAX_QUEUED_POSITIONS + 1);
    expect(outbox.queue[0]?.id).toBe('s1');
    expect(outbox.queue[1]?.id).toBe('p5');
  });
});
