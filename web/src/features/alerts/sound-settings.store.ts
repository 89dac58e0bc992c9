import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

const KEY = 'lianfang.muted';

/** The wall's mute switch, remembered per screen so a reload does not silence (or wake) a room. */
export const useSoundSettingsStore = defineStore('soundSettings', () => {
  const muted = ref(readMuted());
  watch(muted, (value) => {
    try {
      localStorage.setItem(KEY, value ? '1' : '0');
    } catch {
      // Not remembered; still applies now.
    }
  });
  function toggle(): void {
    muted.value = !muted.value;
  }
  return { muted, toggle };
});

function readMuted(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}
