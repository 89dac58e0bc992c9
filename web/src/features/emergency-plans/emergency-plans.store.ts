import type { EmergencyPlan } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

/**
 * The district's emergency plans by id: loaded when a screen needs them (the wall's plan launcher,
 * the console's editor) and kept current by `emergency_plan:updated`; no socket here.
 */
export const useEmergencyPlansStore = defineStore('emergencyPlans', () => {
  const byId = shallowRef(new Map<string, EmergencyPlan>());
  const collator = new Intl.Collator('zh-CN');
  const all = computed(() =>
    [...byId.value.values()].sort((a, b) => Number(a.retired) - Number(b.retired) || collator.compare(a.name['zh-CN'], b.name['zh-CN'])),
  );
  /** the plans an operator can start */
  const startable = computed(() => all.value.filter((p) => !p.retired));

  function replaceAll(plans: readonly EmergencyPlan[]): void {
    byId.value = new Map(plans.map((p) => [p.id, p]));
  }

  /** An older version never replaces a newer one (a save's reply and its event can arrive in either order). */
  function upsert(plan: EmergencyPlan): void {
    const known = byId.value.get(plan.id);
    if (known && known.version > plan.version) return;
    byId.value = new Map(byId.value).set(plan.id, plan);
  }

  return { byId, all, startable, replaceAll, upsert };
});
