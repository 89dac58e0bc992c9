import type { Database } from '../../db/database.js';
import { groupStateBytes, type GroupState } from './group-state.js';

/** The group states of one table shape over one settled period, and the snapshot they were true in. */
export interface SettledEntry {
  readonly shape: string;
  readonly from: number;
  readonly to: number;
  /** pg_snapshot text: every facts row the states read was written by a transaction this snapshot sees */
  snapshot: string;
  readonly groups: ReadonlyMap<string, GroupState>;
  readonly bytes: number;
}

/**
 * Default budget: the pre-warm keeps about 95 MB for a year of a million incidents, a
 * year by team with all four phases is about 25 MB (docs/analytics.md); the rest is
 * room for filtered views before the dashboard's own periods are pushed out.
 */
export const DEFAULT_SETTLED_FIGURES_BYTES = 256 * 1024 * 1024;

/**
 * Group states of settled periods (whole past months and days), kept per server
 * instance and per database, least recently used first out when over budget.
 * Whether an entry is still true is not decided here: groupedAggregate asks the
 * facts' change marks (migration 015) on every request before using one.
 */
export class SettledFigures {
  private readonly entries = new Map<string, SettledEntry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly budgetBytes = DEFAULT_SETTLED_FIGURES_BYTES) {}

  private static key(shape: string, from: number, to: number): string {
    return `${shape}\u0000${from}\u0000${to}`;
  }

  get(shape: string, from: number, to: number): SettledEntry | undefined {
    return this.first([shape], from, to);
  }

  /** The entry of the first of `shapes` kept for the period (one hit or miss counted, whichever it is). */
  first(shapes: readonly string[], from: number, to: number): SettledEntry | undefined {
    for (const shape of shapes) {
      const key = SettledFigures.key(shape, from, to);
      const entry = this.entries.get(key);
      if (!entry) continue;
      // Map order is insertion order: re-inserting makes it the most recently used
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits++;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  put(shape: string, from: number, to: number, snapshot: string, groups: ReadonlyMap<string, GroupState>): void {
    let bytes = 128;
    for (const [k, s] of groups) bytes += k.length * 2 + groupStateBytes(s);
    if (bytes > this.budgetBytes) return;
    this.drop(shape, from, to);
    this.entries.set(SettledFigures.key(shape, from, to), { shape, from, to, snapshot, groups, bytes });
    this.bytes += bytes;
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
  }

  drop(shape: string, from: number, to: number): void {
    const key = SettledFigures.key(shape, from, to);
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

const perDatabase = new WeakMap<Database, SettledFigures>();

/**
 * The settled figures kept for one database (one per process: every request of an
 * instance shares them). The first call decides the budget (the app passes ANALYTICS_CACHE_MB).
 */
export function settledFiguresOf(db: Database, budgetBytes = DEFAULT_SETTLED_FIGURES_BYTES): SettledFigures {
  let figures = perDatabase.get(db);
  if (!figures) perDatabase.set(db, (figures = new SettledFigures(budgetBytes)));
  return figures;
}
