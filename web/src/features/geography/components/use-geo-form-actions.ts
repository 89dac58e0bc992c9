import { ref } from 'vue';
import { i18n } from '../../../app/i18n';
import { describeGeoSaveError, type GeoSaveError } from '../geo-save-error';

/**
 * Saving and retiring an item of the 地理 tab: busy while the call runs, a refusal kept as the
 * problem the form marks (on its field, or above the form), a success reported with the item's
 * name. Retiring is asked first (it is not undone from here).
 */
export function useGeoFormActions(done: (message: string) => void) {
  const { t } = i18n.global;
  const busy = ref(false);
  const problem = ref<GeoSaveError | null>(null);

  /** `call` answers with the message to report when it succeeds. */
  async function run(call: () => Promise<string>): Promise<void> {
    problem.value = null;
    busy.value = true;
    try {
      done(await call());
    } catch (err) {
      problem.value = describeGeoSaveError(err);
    } finally {
      busy.value = false;
    }
  }

  return {
    busy,
    problem,
    save: (call: () => Promise<{ name: string }>) => run(async () => t('geography.saved', { name: (await call()).name })),
    retire: async (name: string, call: () => Promise<unknown>) => {
      if (!window.confirm(t('geography.confirmRetire', { name }))) return;
      await run(async () => {
        await call();
        return t('geography.retired', { name });
      });
    },
  };
}
