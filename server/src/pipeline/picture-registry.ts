import type { LogEntry } from '@lianfang/shared';
import type { Database, Queryable } from '../db/database.js';
import { currentSeq } from './outbox.js';

/**
 * One domain's share of the live picture: read from the database once, then moved
 * forward by log entries only. Modules contribute slices; the pipeline knows none of them.
 */
export interface PictureSlice {
  /** Reads this slice's rows (inside the registry's one snapshot transaction). */
  load(q: Queryable): Promise<void>;
  /** Applies one committed entry, in seq order; entries of other domains are ignored. */
  apply(entry: LogEntry): void;
}

/**
 * What this instance believes the world looks like at `seq`: the slices, loaded
 * at one seq from one snapshot, then moved forward only by log entries, so every
 * instance holds the same picture at the same seq.
 */
export class PictureRegistry {
  seq = 0;

  constructor(protected readonly slices: PictureSlice[]) {}

  /** One transaction: the rows and the seq they correspond to are read from the same snapshot. Slices load in order. */
  async loadFrom(db: Database): Promise<void> {
    await db.tx(async (q) => {
      if (db.driver === 'pg') await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      this.seq = await currentSeq(q);
      for (const slice of this.slices) await slice.load(q);
    });
  }

  apply(entry: LogEntry): void {
    this.seq = entry.seq;
    for (const slice of this.slices) slice.apply(entry);
  }
}
