import { ref, watch, type WatchSource } from 'vue';

/**
 * A final action (cancel, close the case) takes two presses of the same button: the first arms it
 * and says so on the button, the second runs it. Changing the form disarms it again.
 */
export function useArmedConfirm(inputs: WatchSource[]) {
  const armed = ref(false);
  watch(inputs, () => (armed.value = false));
  function press(run: () => void): void {
    if (!armed.value) {
      armed.value = true;
      return;
    }
    armed.value = false;
    run();
  }
  return { armed, press };
}
