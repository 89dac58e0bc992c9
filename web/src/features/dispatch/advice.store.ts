import type { IncidentAdvice } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

/** The server's latest "who could get there first" per open incident (`incident:advice`). */
export const useAdviceStore = defineStore('advice', () => {
  const byIncident = shallowRef(new Map<string, IncidentAdvice>());

  function replaceAll(advice: readonly IncidentAdvice[]): void {
    byIncident.value = new Map(advice.map((a) => [a.incidentId, a]));
  }

  function upsert(advice: IncidentAdvice): void {
    byIncident.value = new Map(byIncident.value).set(advice.incidentId, advice);
  }

  function forIncident(id: string): IncidentAdvice | undefined {
    return byIncident.value.get(id);
  }

  return { byIncident, replaceAll, upsert, forIncident };
});
