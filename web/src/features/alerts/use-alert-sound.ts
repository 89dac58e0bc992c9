import { onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { AlertBeeper } from './alert-beeper';
import { useAlertsStore } from './alerts.store';
import { useSoundSettingsStore } from './sound-settings.store';

/** Not more than one beep pattern per this interval, however fast a button is hammered. */
const MIN_GAP_MS = 2000;

/**
 * Beeps on each alert press unless muted. Browsers allow sound only after a
 * click on the page; until then `blocked` is true and the wall shows a button.
 */
export function useAlertSound() {
  const alerts = useAlertsStore();
  const settings = useSoundSettingsStore();
  const beeper = new AlertBeeper();
  const blocked = ref(true);
  let lastBeep = 0;

  async function unlock(): Promise<void> {
    blocked.value = !(await beeper.unlock());
  }

  const onGesture = () => void unlock();
  onMounted(() => {
    void unlock();
    window.addEventListener('pointerdown', onGesture);
    window.addEventListener('keydown', onGesture);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('pointerdown', onGesture);
    window.removeEventListener('keydown', onGesture);
    beeper.close();
  });

  watch(
    () => alerts.lastArrival?.serial,
    () => {
      const arrival = alerts.lastArrival;
      if (!arrival || settings.muted) return;
      const now = Date.now();
      if (now - lastBeep < MIN_GAP_MS) return;
      lastBeep = now;
      beeper.play(arrival.priority);
    },
  );

  return { blocked, unlock };
}
