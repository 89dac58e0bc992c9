import type { Position } from '@lianfang/shared';

/**
 * Merges position batches per unit and hands them to the store at most every
 * `intervalMs` (250 ms = 4 Hz). A replay after a reconnect can bring thousands
 * of fixes at once; the map only needs the newest fix of each unit.
 */
export class PositionCoalescer {
  private pending = new Map<string, Position>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly apply: (positions: Position[]) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get size(): number {
    return this.pending.size;
  }

  add(positions: readonly Position[]): void {
    for (const p of positions) {
      const held = this.pending.get(p.unitId);
      if (!held || Date.parse(p.serverTime) >= Date.parse(held.serverTime)) this.pending.set(p.unitId, p);
    }
    if (this.pending.size > 0 && this.timer === null) {
      const wait = Math.max(0, this.lastFlushAt + this.intervalMs - this.now());
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  /** Applies what is held now: called before any non-position event so the store sees seq order. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.lastFlushAt = this.now();
    this.apply(batch);
  }

  /** Drops what is held (a snapshot replaces it). */
  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = new Map();
  }
}
