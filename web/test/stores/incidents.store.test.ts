import { beforeEach, describe, expect, it } from 'vitest';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { queueSections } from '../../src/features/incidents/queue-window';
import { incident } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

describe('incidents store', () => {
  beforeEach(() => freshPinia());

  it('keeps only open incidents', () => {
    const incidents = useIncidentsStore();
    incidents.replaceAll([incident({ id: 'a' }), incident({ id: 'b', status: 'closed' })]);
    expect(incidents.openCount).toBe(1);
    incidents.upsert(incident({ id: 'a', status: 'resolved' }));
    expect(incidents.openCount).toBe(0);
  });

  it('orders the queue by priority, then the least handled, then the longest waiting', () => {
    const incidents = useIncidentsStore();
    incidents.replaceAll([
      incident({ id: 'p2-old', priority: 'P2', createdAt: '2025-01-01T07:00:00Z' }),
      incident({ id: 'p1-onscene', priority: 'P1', status: 'on_scene', createdAt: '2025-01-01T07:00:00Z' }),
      incident({ id: 'p1-new', priority: 'P1', createdAt: '2025-01-01T08:10:00Z' }),
      incident({ id: 'p1-old', priority: 'P1', createdAt: '2025-01-01T08:00:00Z' }),
    ]);
    expect(incidents.byUrgency.map((i) => i.id)).toEqual(['p1-old', 'p1-new', 'p1-onscene', 'p2-old']);
  });
});

describe('queue sections', () => {
  it('pins every P1 and keeps every other incident in the scrolling list, in urgency order', () => {
    const list = [
      incident({ id: 'a', priority: 'P1' }),
      incident({ id: 'b', priority: 'P1' }),
      incident({ id: 'c', priority: 'P2' }),
      incident({ id: 'd', priority: 'P3' }),
      incident({ id: 'e', priority: 'P4' }),
    ];
    const { pinned, rest } = queueSections(list);
    expect(pinned.map((i) => i.id)).toEqual(['a', 'b']);
    expect(rest.map((i) => i.id)).toEqual(['c', 'd', 'e']);
    expect(queueSections([]).pinned).toEqual([]);
  });
});
