import type { Coverage } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

/** The latest response-time coverage of the area (`coverage:updated`): cells are large, so no deep reactivity. */
export const useCoverageStore = defineStore('coverage', () => {
  const latest = shallowRef<Coverage | null>(null);
  /** share of the area someone reaches within 5 minutes, 0…1, or null before the first computation */
  const within5 = computed(() => latest.value?.share.overall.within5 ?? null);

  function replace(coverage: Coverage | null): void {
    // Versions only grow: an older one (a replay racing a snapshot) never replaces a newer one.
    if (coverage && latest.value && coverage.version < latest.value.version) return;
    latest.value = coverage;
  }

  return { latest, within5, replace };
});
