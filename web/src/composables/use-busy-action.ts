import { ref } from 'vue';

/**
 * Runs one action at a time for a list of rows: `busyId` disables the row's button while its
 * request is out, and the last failure is kept in `error` for the caller to put into words.
 */
export function useBusyAction() {
  const busyId = ref<string | null>(null);
  const error = ref<unknown>(null);

  async function run(id: string | null, action: () => Promise<void>): Promise<void> {
    busyId.value = id;
    error.value = null;
    try {
      await action();
    } catch (err) {
      error.value = err;
    } finally {
      busyId.value = null;
    }
  }

  return { busyId, error, run };
}
