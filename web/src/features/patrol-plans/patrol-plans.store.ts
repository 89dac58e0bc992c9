import type { PatrolPlan } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

/** Patrol plans (posts and tours) by id, moved by `patrol_plan:updated`; no socket here. */
export const usePatrolPlansStore = defineStore('patrolPlans', () => {
  const byId = shallowRef(new Map<string, PatrolPlan>());
  const list = computed(() => [...byId.value.values()]);
  /** plans whose unit has left its post during the shift */
  const deviating = computed(() => list.value.filter((p) => p.deviatingSince !== null));

  function replaceAll(plans: readonly PatrolPlan[]): void {
    byId.value = new Map(plans.map((p) => [p.id, p]));
  }

  /** A plan's duty state moved, or the console changed it; a retired one leaves the wall. */
  function upsert(plan: PatrolPlan): void {
    const next = new Map(byId.value);
    if (plan.retiredAt) next.delete(plan.id);
    else next.set(plan.id, plan);
    byId.value = next;
  }

  return { byId, list, deviating, replaceAll, upsert };
});
