/**
 * Stable slot per unit id: the index of the unit's vertex in the GPU buffer. A unit keeps its slot
 * for its whole life on the screen, so a position batch rewrites a few bytes in place and the
 * buffer never has to be rebuilt or re-sorted. Freed slots are reused before the table grows.
 */
export class UnitSlots {
  private readonly byId = new Map<string, number>();
  private readonly ids: (string | null)[] = [];
  private readonly free: number[] = [];

  /** slots handed out so far (live and free): the vertex count to draw */
  get size(): number {
    return this.ids.length;
  }

  get liveCount(): number {
    return this.byId.size;
  }

  slotOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  idAt(slot: number): string | null {
    return this.ids[slot] ?? null;
  }

  /** The unit's slot, allocating one (lowest freed first) when it has none. */
  acquire(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    // Reuse the lowest free slot: keeps the live range (and the dirty range uploaded) compact.
    let slot: number;
    if (this.free.length > 0) {
      let best = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i]! < this.free[best]!) best = i;
      slot = this.free.splice(best, 1)[0]!;
      this.ids[slot] = id;
    } else {
      slot = this.ids.length;
      this.ids.push(id);
    }
    this.byId.set(id, slot);
    return slot;
  }

  /** Frees the unit's slot; returns it (the caller hides that vertex), or undefined when unknown. */
  release(id: string): number | undefined {
    const slot = this.byId.get(id);
    if (slot === undefined) return undefined;
    this.byId.delete(id);
    this.ids[slot] = null;
    this.free.push(slot);
    return slot;
  }

  /** ids with a slot, in slot order */
  *entries(): IterableIterator<[string, number]> {
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      if (id !== null && id !== undefined) yield [id, slot];
    }
  }
}
