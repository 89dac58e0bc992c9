import { describe, expect, it } from 'vitest';
import { SeqJudge } from '../src/index.js';

type Step = [event: string, msg: { seq: number; fromSeq?: number }, verdict: string];

/** Runs a screen's arrivals through one judge; returns the verdicts and the judge. */
function run(lastSeq: number, steps: Step[]) {
  const judge = new SeqJudge(lastSeq);
  const verdicts = steps.map(([event, msg]) => judge.judge(event, msg));
  return { judge, verdicts };
}

describe('the one judge (docs/api.md, "Sequencing")', () => {
  it.each<[string, number, Step[], number]>([
    [
      'in order',
      5,
      [
        ['unit:updated', { seq: 6 }, 'apply'],
        ['unit:positions', { seq: 8, fromSeq: 7 }, 'apply'],
      ],
      8,
    ],
    [
      'an alert overtakes waiting positions, the batch comes after: late, not a duplicate',
      5,
      [
        ['alert:raised', { seq: 9, fromSeq: 6 }, 'apply'],
        ['unit:positions', { seq: 8, fromSeq: 6 }, 'late'],
      ],
      9,
    ],
    [
      'the same batch twice: the second is a duplicate',
      5,
      [
        ['alert:raised', { seq: 9, fromSeq: 6 }, 'apply'],
        ['unit:positions', { seq: 8, fromSeq: 6 }, 'late'],
        ['unit:positions', { seq: 8, fromSeq: 6 }, 'duplicate'],
      ],
      9,
    ],
    ['a batch nobody declared, below lastSeq: a duplicate', 9, [['unit:positions', { seq: 7, fromSeq: 6 }, 'duplicate']], 9],
    [
      'an event sent twice: a duplicate',
      5,
      [
        ['unit:updated', { seq: 6 }, 'apply'],
        ['unit:updated', { seq: 6 }, 'duplicate'],
      ],
      6,
    ],
    ['a missing seq: a gap, lastSeq stays', 5, [['unit:updated', { seq: 8 }, 'gap']], 5],
    ['a jump that starts after lastSeq + 1: a gap', 5, [['alert:raised', { seq: 9, fromSeq: 7 }, 'gap']], 5],
    [
      'two alerts overtake one batch, positions in between: the batch spans both and is late',
      5,
      [
        ['alert:raised', { seq: 8, fromSeq: 6 }, 'apply'],
        ['alert:raised', { seq: 10, fromSeq: 9 }, 'apply'],
        ['unit:positions', { seq: 9, fromSeq: 6 }, 'late'],
      ],
      10,
    ],
    [
      'positions after the alert: the batch is above lastSeq and settles the owed seqs',
      5,
      [
        ['alert:raised', { seq: 8, fromSeq: 6 }, 'apply'],
        ['unit:positions', { seq: 9, fromSeq: 6 }, 'apply'],
        ['unit:positions', { seq: 7, fromSeq: 6 }, 'duplicate'],
      ],
      9,
    ],
    [
      // After sync:resume {lastSeq: 5} the replay's first batch may reach back over what the screen holds.
      'resume: a replayed batch whose fromSeq overlaps lastSeq applies, then the replay runs on in order',
      5,
      [
        ['unit:positions', { seq: 7, fromSeq: 3 }, 'apply'],
        ['alert:raised', { seq: 8 }, 'apply'],
        ['unit:updated', { seq: 8 }, 'duplicate'],
      ],
      8,
    ],
    [
      // A captain's feed widens fromSeq over the seqs it hid: those are not owed, nothing late may follow.
      'a message whose fromSeq covers seqs the server hid from this screen applies',
      5,
      [
        ['incident:updated', { seq: 12, fromSeq: 6 }, 'apply'],
        ['unit:updated', { seq: 13 }, 'apply'],
      ],
      13,
    ],
  ])('%s', (_name, last, steps, lastAfter) => {
    const { judge, verdicts } = run(last, steps);
    expect(verdicts).toEqual(steps.map((s) => s[2]));
    expect(judge.lastSeq).toBe(lastAfter);
  });

  it('a snapshot forgets what was owed: a batch of before it is a duplicate', () => {
    const judge = new SeqJudge(5);
    expect(judge.judge('alert:raised', { seq: 9, fromSeq: 6 })).toBe('apply');
    expect(judge.owedCount()).toBe(3);
    judge.reset(12);
    expect(judge.owedCount()).toBe(0);
    expect(judge.judge('unit:positions', { seq: 8, fromSeq: 6 })).toBe('duplicate');
  });

  it('keeps a bounded number of owed ranges (a captain feed folds hidden seqs that never come)', () => {
    const judge = new SeqJudge(0);
    let seq = 0;
    for (let i = 0; i < 1000; i++) {
      expect(judge.judge('incident:updated', { seq: seq + 3, fromSeq: seq + 1 })).toBe('apply');
      seq += 3;
    }
    expect(judge.owedCount()).toBe(256 * 2);
  });
});
