import { beforeEach, describe, expect, it } from 'vitest';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { queueWindow } from '../../src/features/incidents/queue-window';
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

describe('queue window', () => {
  it('keeps urgency order but always shows the incidents whose banner is up', () => {
    const list = ['a', 'b', 'c', 'd', 'e'].map((id) => incident({ id }));
    expect(queueWindow(list, 3, new Set()).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(queueWindow(list, 3, new Set(['e'])).map((i) => i.id)).toEqual(['a', 'b', 'e']);
    expect(queueWindow(list, 2, new Set(['d', 'e'])).map((i) => i.id)).toEqual(['d', 'e']);
    expect(queueWindow(list.slice(0, 2), 3, new Set(['x'])).map((i) => i.id)).toEqual(['a', 'b']);
    // More banners than rows: the newest banners (first in banner order) win.
    expect(queueWindow(list, 2, ['e', 'd', 'c']).map((i) => i.id)).toEqual(['d', 'e']);
    expect(queueWindow(list, 1, ['c', 'e']).map((i) => i.id)).toEqual(['c']);
  });
});
