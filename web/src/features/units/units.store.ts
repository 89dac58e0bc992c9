import type { Position, Unit } from '@lianfang/shared';
import { fresherPosition as fresher } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef } from 'vue';

/**
 * Units by id. Knows nothing about sockets: the realtime dispatcher calls
 * these actions in seq order. A shallow ref plus one trigger per batch keeps a
 * 4 Hz position stream from making every unit deeply reactive.
 */
export const useUnitsStore = defineStore('units', () => {
  const byId = shallowRef(new Map<string, Unit>());

  const list = computed(() => [...byId.value.values()]);
  const count = computed(() => byId.value.size);

  function replaceAll(units: readonly Unit[]): void {
    byId.value = new Map(units.map((u) => [u.id, u]));
  }

  function upsert(unit: Unit): void {
    const previous = byId.value.get(unit.id);
    // A status change carries the unit as stored; keep the fresher live position.
    byId.value.set(unit.id, { ...unit, position: fresher(previous?.position ?? null, unit.position) });
    triggerRef(byId);
  }

  /** A retired unit leaves the wall (history keeps it on the server). */
  function remove(id: string): void {
    if (byId.value.delete(id)) triggerRef(byId);
  }

  function applyPositions(positions: readonly Position[]): void {
    let changed = false;
    for (const p of positions) {
      const unit = byId.value.get(p.unitId);
      if (!unit) continue;
      byId.value.set(p.unitId, { ...unit, position: fresher(unit.position, p) });
      changed = true;
    }
    if (changed) triggerRef(byId);
  }

  function get(id: string | null | undefined): Unit | undefined {
    return id ? byId.value.get(id) : undefined;
  }

  return { byId, list, count, replaceAll, upsert, remove, applyPositions, get };
});
