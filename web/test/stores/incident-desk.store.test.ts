import { beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '@lianfang/shared';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useIncidentDeskStore } from '../../src/features/wall/actions/incident-desk.store';
import { incident } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

function candidate(unitId: string): Candidate {
  return {
    unitId,
    callsign: unitId.toUpperCase(),
    force: 'police',
    mode: 'car',
    status: 'available',
    tier: 'lead',
    available: true,
    etaSeconds: 120,
    rankSeconds: 120,
    uncertaintySeconds: 0,
    distanceM: 900,
    positionAgeSeconds: 3,
    stale: false,
    fallback: false,
    lat: 31,
    lon: 121,
  };
}

describe('incident desk store', () => {
  beforeEach(() => freshPinia());

  it('moves the keyboard pointer through the queue in urgency order, wrapping', () => {
    const incidents = useIncidentsStore();
    incidents.replaceAll([
      incident({ id: 'p2', priority: 'P2', createdAt: '2025-01-01T07:00:00Z' }),
      incident({ id: 'p1', priority: 'P1', createdAt: '2025-01-01T08:00:00Z' }),
    ]);
    const desk = useIncidentDeskStore();
    desk.moveHighlight(1);
    expect(desk.highlightId).toBe('p1');
    desk.moveHighlight(1);
    expect(desk.highlightId).toBe('p2');
    desk.moveHighlight(1);
    expect(desk.highlightId).toBe('p1');
    desk.moveHighlight(-1);
    expect(desk.highlightId).toBe('p2');
    expect(desk.openId).toBeNull();
  });

  it('picks candidates by their printed number and toggles them off again', () => {
    const desk = useIncidentDeskStore();
    desk.candidates = { lat: 31, lon: 121, computedAt: '2025-01-01T08:00:00Z', emergencyFactor: 1.3, candidates: [candidate('a'), candidate('b')] };
    desk.pickByNumber(2);
    desk.pickByNumber(1);
    expect(desk.picked).toEqual(['b', 'a']);
    desk.pickByNumber(2);
    expect(desk.picked).toEqual(['a']);
    desk.pickByNumber(9);
    expect(desk.picked).toEqual(['a']);
  });

  it('shows the live incident from the incidents store, and nothing once it has left it', () => {
    const incidents = useIncidentsStore();
    incidents.replaceAll([incident({ id: 'x', status: 'dispatched' })]);
    const desk = useIncidentDeskStore();
    desk.openId = 'x';
    expect(desk.incident?.status).toBe('dispatched');
    incidents.upsert(incident({ id: 'x', status: 'acknowledged' }));
    expect(desk.incident?.status).toBe('acknowledged');
    incidents.upsert(incident({ id: 'x', status: 'resolved' }));
    expect(desk.incident).toBeNull();
  });

  it('does not dispatch with nothing picked', async () => {
    const desk = useIncidentDeskStore();
    desk.openId = 'x';
    expect(await desk.dispatchPicked('ok')).toBe(false);
    expect(desk.busy).toBeNull();
  });
});
