import type { Ref } from 'vue';
import { i18n } from '../../../app/i18n';
import { describeGeoSaveError, type GeoSaveError } from '../geo-save-error';

/**
 * Retiring an item of the 地理 tab: asked first (retiring is not undone from here), then the call;
 * a refusal (a stale version) is shown on the form, a success reported with the item's name.
 */
export function useRetire(busy: Ref<boolean>, problem: Ref<GeoSaveError | null>, done: (message: string) => void) {
  const { t } = i18n.global;
  return async (name: string, call: () => Promise<unknown>): Promise<void> => {
    if (!window.confirm(t('geography.confirmRetire', { name }))) return;
    busy.value = true;
    try {
      await call();
      done(t('geography.retired', { name }));
    } catch (err) {
      problem.value = describeGeoSaveError(err);
    } finally {
      busy.value = false;
    }
  };
}
