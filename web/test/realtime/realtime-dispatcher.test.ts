import type { Ack, ResumeReply } from '@lianfang/shared';
import { encodePositionRows } from '@lianfang/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeDispatcher } from '../../src/realtime/realtime-dispatcher';
import { storeContext } from '../../src/realtime/realtime-session';
import { alert, incident, keyArea, position, snapshot, unit } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

function setup() {
  freshPinia();
  const ctx = storeContext(250);
  const resumes: number[] = [];
  let answer: (reply: Ack<ResumeReply>) => void = () => {};
  const requestResume = vi.fn((lastSeq: number) => {
    resumes.push(lastSeq);
    return new Promise<Ack<ResumeReply>>((resolve) => (answer = resolve));
  });
  const dispatcher = new RealtimeDispatcher({ context: ctx, requestResume, retryMs: 500 });
  dispatcher.onConnected();
  return { ctx, dispatcher, resumes, requestResume, answer: (reply: Ack<ResumeReply>) => answer(reply) };
}

describe('RealtimeDispatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a snapshot, then the next messages in seq order', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10, units: [unit({ id: 'u1' })] }));
    dispatcher.handleMessage('unit:updated', { seq: 11, unit: unit({ id: 'u2', callsign: 'B-2' }) });
    dispatcher.handleMessage('incident:created', { seq: 12, incident: incident({ id: 'i9' }) });
    expect(ctx.connection.lastSeq).toBe(12);
    expect(ctx.units.list.map((u) => u.id).sort()).toEqual(['u1', 'u2']);
    expect(ctx.incidents.get('i9')?.id).toBe('i9');
    expect(ctx.connection.state).toBe('live');
  });

  it('drops duplicates (a replayed message it already has) without touching the stores', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('unit:updated', { seq: 11, unit: unit({ status: 'busy' }) });
    dispatcher.handleMessage('unit:updated', { seq: 11, unit: unit({ status: 'available' }) });
    dispatcher.handleMessage('unit:updated', { seq: 9, unit: unit({ status: 'off_duty' }) });
    expect(ctx.units.get('u1')?.status).toBe('busy');
    expect(dispatcher.stats.duplicates).toBe(2);
  });

  it('on a gap asks once for sync:resume from lastSeq, drops what comes before the answer, then applies the replay', async () => {
    const { ctx, dispatcher, resumes, answer } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('unit:updated', { seq: 13, unit: unit({ status: 'busy' }) });
    dispatcher.handleMessage('unit:updated', { seq: 14, unit: unit({ status: 'on_scene' }) });
    expect(resumes).toEqual([10]);
    expect(ctx.connection.state).toBe('resyncing');
    expect(ctx.units.get('u1')?.status).toBe('available');

    // The server replays 11..14 in order, then acknowledges.
    dispatcher.handleMessage('unit:updated', { seq: 11, unit: unit({ status: 'dispatched' }) });
    dispatcher.handleMessage('unit:updated', { seq: 12, unit: unit({ status: 'en_route' }) });
    dispatcher.handleMessage('unit:updated', { seq: 13, unit: unit({ status: 'busy' }) });
    dispatcher.handleMessage('unit:updated', { seq: 14, unit: unit({ status: 'on_scene' }) });
    answer({ data: { mode: 'replay', history: 'h', fromSeq: 11, toSeq: 14 } });
    await vi.runAllTimersAsync();
    expect(ctx.connection.lastSeq).toBe(14);
    expect(ctx.units.get('u1')?.status).toBe('on_scene');
    expect(ctx.connection.state).toBe('live');
    expect(ctx.connection.lastSync?.mode).toBe('replay');
  });

  it('asks again after a failed resume', async () => {
    const { dispatcher, resumes, answer } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('unit:updated', { seq: 12, unit: unit() });
    answer({ error: 'resume failed, try again' });
    await vi.advanceTimersByTimeAsync(600);
    expect(resumes).toEqual([10, 10]);
  });

  it('accepts a position batch that overlaps what it has, and merges positions per unit at most every 250 ms', () => {
    const { ctx, dispatcher } = setup();
    const apply = vi.spyOn(ctx.units, 'applyPositions');
    dispatcher.handleSnapshot(snapshot({ seq: 10, units: [unit({ id: 'u1' }), unit({ id: 'u2' })] }));
    dispatcher.handleMessage('unit:positions', {
      seq: 12,
      fromSeq: 9,
      ...encodePositionRows([position({ unitId: 'u1', lat: 1, serverTime: '2025-01-01T08:00:01Z' })]),
    });
    vi.advanceTimersByTime(0);
    expect(apply).toHaveBeenCalledTimes(1);
    dispatcher.handleMessage('unit:positions', {
      seq: 13,
      fromSeq: 13,
      ...encodePositionRows([position({ unitId: 'u1', lat: 2, serverTime: '2025-01-01T08:00:02Z' })]),
    });
    dispatcher.handleMessage('unit:positions', {
      seq: 14,
      fromSeq: 14,
      ...encodePositionRows([position({ unitId: 'u1', lat: 3, serverTime: '2025-01-01T08:00:03Z' }), position({ unitId: 'u2', lat: 5 })]),
    });
    vi.advanceTimersByTime(100);
    expect(apply).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1]?.[0]).toHaveLength(2);
    expect(ctx.units.get('u1')?.position?.lat).toBe(3);
    expect(ctx.connection.lastSeq).toBe(14);
  });

  it('flushes held positions before a later non-position event, so the store sees seq order', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('unit:positions', { seq: 11, fromSeq: 11, ...encodePositionRows([position({ lat: 7, serverTime: '2025-01-01T08:00:05Z' })]) });
    vi.advanceTimersByTime(0);
    dispatcher.handleMessage('unit:positions', { seq: 12, fromSeq: 12, ...encodePositionRows([position({ lat: 8, serverTime: '2025-01-01T08:00:06Z' })]) });
    // unit:updated carries the stored (older) position: the live one must survive.
    dispatcher.handleMessage('unit:updated', { seq: 13, unit: unit({ status: 'busy', position: position({ lat: 1, serverTime: '2025-01-01T07:00:00Z' }) }) });
    expect(ctx.units.get('u1')?.position?.lat).toBe(8);
    expect(ctx.units.get('u1')?.status).toBe('busy');
  });

  it('applies an alert that overtook pending positions, then merges the late batch without a gap or a resume', () => {
    const { ctx, dispatcher, resumes } = setup();
    const apply = vi.spyOn(ctx.units, 'applyPositions');
    dispatcher.handleSnapshot(snapshot({ seq: 10, units: [unit({ id: 'u1' })] }));
    // Seqs 11 and 12 are positions still waiting in the server's batch; the alert (13) goes first.
    dispatcher.handleMessage('alert:raised', { seq: 13, fromSeq: 11, alert: alert(), incident: incident() });
    expect(ctx.connection.lastSeq).toBe(13);
    dispatcher.handleMessage('unit:positions', {
      seq: 12,
      fromSeq: 11,
      ...encodePositionRows([position({ unitId: 'u1', lat: 4, serverTime: '2025-01-01T08:00:04Z' })]),
    });
    vi.advanceTimersByTime(300);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(ctx.units.get('u1')?.position?.lat).toBe(4);
    expect(ctx.connection.lastSeq).toBe(13);
    expect(dispatcher.stats.gaps).toBe(0);
    expect(resumes).toEqual([]);
  });

  it('still resumes when an alert declares positions it cannot account for', () => {
    const { dispatcher, resumes } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('alert:raised', { seq: 15, fromSeq: 13, alert: alert(), incident: incident() });
    expect(dispatcher.stats.gaps).toBe(1);
    expect(resumes).toEqual([10]);
  });

  it('ignores sequenced messages before its first snapshot (the server sends one on connect)', () => {
    const { ctx, dispatcher, resumes } = setup();
    dispatcher.handleMessage('unit:updated', { seq: 50, unit: unit({ id: 'late' }) });
    expect(ctx.units.get('late')).toBeUndefined();
    expect(resumes).toEqual([]);
  });

  it('records an alert once per incident and counts repeated presses', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('alert:raised', { seq: 11, alert: alert({ id: 'a1' }), incident: incident({ alertCount: 1 }) });
    dispatcher.handleMessage('alert:raised', { seq: 12, alert: alert({ id: 'a2' }), incident: incident({ alertCount: 2 }) });
    dispatcher.handleMessage('alert:raised', { seq: 13, alert: alert({ id: 'a3' }), incident: incident({ alertCount: 3 }) });
    expect(ctx.alerts.active).toHaveLength(1);
    expect(ctx.alerts.active[0]?.pressCount).toBe(3);
    expect(ctx.incidents.openCount).toBe(1);
    dispatcher.handleMessage('incident:updated', { seq: 14, incident: incident({ status: 'closed' }) });
    expect(ctx.incidents.openCount).toBe(0);
    expect(ctx.alerts.active).toHaveLength(0);
  });

  it('shows reconnecting after a drop and live again on connect', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.onDisconnected(true);
    expect(ctx.connection.state).toBe('reconnecting');
    dispatcher.onConnected();
    expect(ctx.connection.state).toBe('live');
    dispatcher.onDisconnected(false);
    expect(ctx.connection.state).toBe('offline');
  });

  it('keeps key areas, advice and coverage from their events, and never lets an older coverage win', () => {
    const { ctx, dispatcher } = setup();
    dispatcher.handleSnapshot(snapshot({ seq: 10 }));
    dispatcher.handleMessage('key_area:updated', { seq: 11, keyArea: keyArea({ overdueSince: '2025-01-01T08:00:00Z' }) });
    dispatcher.handleMessage('incident:advice', {
      seq: 12,
      advice: { incidentId: 'i1', bestUnitId: 'u1', bestEtaSeconds: 200, wouldBreach: false, computedAt: '2025-01-01T08:00:00Z' },
    });
    const coverage = (version: number, within5: number) => ({
      version,
      computedAt: '2025-01-01T08:00:00Z',
      resolution: 9,
      cells: [],
      gaps: [],
      share: { overall: { within5, within15: 1 }, perGrid: [] },
    });
    dispatcher.handleMessage('coverage:updated', { seq: 13, coverage: coverage(5, 0.8) });
    ctx.coverage.replace(coverage(4, 0.1));
    expect(ctx.geo.keyAreas[0]?.overdueSince).not.toBeNull();
    expect(ctx.advice.forIncident('i1')?.bestEtaSeconds).toBe(200);
    expect(ctx.coverage.within5).toBe(0.8);
    expect(ctx.connection.lastSeq).toBe(13);
  });
});
