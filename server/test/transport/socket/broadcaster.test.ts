import { describe, expect, it } from 'vitest';
import type { LogEntry, Position, SequencedMessage } from '@lianfang/shared';
import { SeqJudge, decodePositionRows } from '@lianfang/shared';
import { Broadcaster } from '../../../src/transport/socket/broadcaster.js';

const at = '2026-11-30T10:00:00.000Z';
const fix = (unitId: string, lat: number): Position => ({
  unitId,
  lat,
  lon: 120.1,
  speedKmh: 10,
  heading: 90,
  accuracyM: 5,
  altitudeM: null,
  battery: 80,
  deviceTime: at,
  serverTime: at,
  flags: [],
});
const positions = (seq: number, ...list: Position[]): LogEntry => ({ type: 'unit.positions', positions: list, seq, at });
const unitUpdate = (seq: number): LogEntry => ({
  type: 'unit.updated',
  seq,
  at,
  unit: { id: 'u1', callsign: 'A-1', force: 'police', mode: 'car', teamId: null, status: 'busy', position: null },
});

/** The socket side replaced by a recorder: what the broadcaster hands to Socket.IO, in order. */
function recorder() {
  const sent: { event: string; msg: SequencedMessage }[] = [];
  const broadcaster = new Broadcaster(((_room: string, event: string, msg: SequencedMessage) => sent.push({ event, msg })) as never, 250);
  return { sent, broadcaster };
}

describe('broadcaster: events ahead of positions, positions merged per unit', () => {
  it('sends an event at once, ahead of the positions waiting, and names the seqs it jumped', () => {
    const { sent, broadcaster } = recorder();
    broadcaster.onEntry(positions(11, fix('u1', 30.1)));
    broadcaster.onEntry(positions(12, fix('u1', 30.2), fix('u2', 31)));
    broadcaster.onEntry(unitUpdate(13));
    broadcaster.onEntry(positions(14, fix('u2', 31.1)));
    expect(sent.map((s) => [s.event, s.msg.seq, s.msg.fromSeq])).toEqual([['unit:updated', 13, 11]]);
    broadcaster.flushPositions();
    expect(sent.map((s) => [s.event, s.msg.seq, s.msg.fromSeq])).toEqual([
      ['unit:updated', 13, 11],
      ['unit:positions', 14, 11],
    ]);
    const batch = sent[1]!.msg as Extract<SequencedMessage, { rows: unknown }>;
    // Newest fix per unit only.
    expect(decodePositionRows(batch).map((p) => [p.unitId, p.lat])).toEqual([
      ['u1', 30.2],
      ['u2', 31.1],
    ]);
  });

  it('gives a client that follows the shared judge every message applied or merged, no gap and no duplicate', () => {
    const { sent, broadcaster } = recorder();
    broadcaster.onEntry(positions(11, fix('u1', 30.1)));
    broadcaster.onEntry(unitUpdate(12));
    broadcaster.flushPositions();
    broadcaster.onEntry(unitUpdate(13));
    broadcaster.onEntry(positions(14, fix('u1', 30.3)));
    broadcaster.flushPositions();
    const judge = new SeqJudge(10);
    const verdicts = sent.map(({ event, msg }) => judge.judge(event, msg));
    // The overtaken batch (seq 11) comes after the event that declared it: late by design, merged, not a duplicate.
    expect(verdicts).toEqual(['apply', 'late', 'apply', 'apply']);
    expect(sent[2]!.msg.fromSeq).toBeUndefined();
    expect(judge.lastSeq).toBe(14);
    expect(judge.owedCount()).toBe(0);
  });
});
