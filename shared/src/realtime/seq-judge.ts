import { judgeSeq } from './seq-tracker.js';

/**
 * What a screen does with one sequenced message (the whole contract, docs/api.md):
 * - `apply`: apply it and move `lastSeq` to its `seq`;
 * - `late`: a position batch whose seqs an earlier message declared as "still
 *   coming" (its `fromSeq` jumped them): merge its fixes (newest wins), leave
 *   `lastSeq` where it is;
 * - `duplicate`: already applied (or a batch nobody declared): drop it;
 * - `gap`: something before it is missing: ask the server to resume.
 */
export type MessageVerdict = 'apply' | 'late' | 'duplicate' | 'gap';

/** The socket event that carries coalesced positions: the only message allowed to arrive after a higher seq. */
export const POSITIONS_EVENT = 'unit:positions';

/** Owed ranges kept at most: a captain's feed folds hidden seqs into `fromSeq` too, and those never arrive. */
const MAX_OWED = 256;

/**
 * The one judge every client of the socket uses: the web screens, the drills'
 * screens, the load runner and the tests. It holds `lastSeq` and the ranges of
 * seqs that messages declared as owed by a later position batch, so it can tell
 * a batch the server let an alert overtake (by design: `late`) from a batch sent
 * twice (`duplicate`, a defect a drill must count).
 */
export class SeqJudge {
  lastSeq: number;
  /** [from, to] inclusive, ascending, disjoint: seqs declared by a `fromSeq` jump and not yet delivered. */
  private owed: [number, number][] = [];

  constructor(lastSeq = -1) {
    this.lastSeq = lastSeq;
  }

  /** A snapshot at `seq` replaces everything: nothing before it is owed any more. */
  reset(seq: number): void {
    this.lastSeq = seq;
    this.owed = [];
  }

  /**
   * Judges `msg` and, for `apply` and `late`, records it as received (the caller
   * then applies or merges it). `duplicate` and `gap` change nothing.
   */
  judge(event: string, msg: { seq: number; fromSeq?: number }): MessageVerdict {
    const verdict = judgeSeq(this.lastSeq, msg);
    if (verdict === 'duplicate') {
      if (event !== POSITIONS_EVENT || !this.isOwed(msg.seq)) return 'duplicate';
      this.settle(msg.fromSeq ?? msg.seq, msg.seq);
      return 'late';
    }
    if (verdict === 'gap') return 'gap';
    const from = msg.fromSeq ?? msg.seq;
    // A non-position message that jumped waiting positions: the seqs after ours up to it arrive later, in a batch.
    const owedFrom = Math.max(from, this.lastSeq + 1);
    if (event !== POSITIONS_EVENT && owedFrom <= msg.seq - 1) this.declare(owedFrom, msg.seq - 1);
    // A batch that covers owed seqs (it came after a later message that applied on top) settles them.
    if (event === POSITIONS_EVENT) this.settle(from, msg.seq);
    this.lastSeq = msg.seq;
    return 'apply';
  }

  /** Seqs declared as coming and not yet seen (for a drill's "still owed at the end" check). */
  owedCount(): number {
    return this.owed.reduce((n, [a, b]) => n + b - a + 1, 0);
  }

  private isOwed(seq: number): boolean {
    return this.owed.some(([a, b]) => a <= seq && seq <= b);
  }

  private declare(from: number, to: number): void {
    this.owed.push([from, to]);
    if (this.owed.length > MAX_OWED) this.owed.shift();
  }

  private settle(from: number, to: number): void {
    const kept: [number, number][] = [];
    for (const [a, b] of this.owed) {
      if (b < from || a > to) kept.push([a, b]);
      else {
        if (a < from) kept.push([a, from - 1]);
        if (b > to) kept.push([to + 1, b]);
      }
    }
    this.owed = kept;
  }
}
