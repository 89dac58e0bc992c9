import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The unit the operator picked on the wall map (highlighted there, its card shown). */
export const useUnitSelectionStore = defineStore('unitSelection', () => {
  const selectedId = ref<string | null>(null);

  function select(id: string | null): void {
    selectedId.value = id;
  }

  return { selectedId, select };
});
