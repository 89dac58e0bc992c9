import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Whether the wall's plan launcher is open (the P key and the corner button open it; Esc closes it). */
export const usePlanLaunchStore = defineStore('planLaunch', () => {
  const isOpen = ref(false);
  return {
    isOpen,
    open: () => void (isOpen.value = true),
    close: () => void (isOpen.value = false),
  };
});
