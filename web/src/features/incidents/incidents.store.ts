import type { Incident } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef } from 'vue';
import { compareByUrgency } from './incident-urgency';

/** Open incidents by id; a closed/cancelled one leaves the store (the wall shows what is live). */
export const useIncidentsStore = defineStore('incidents', () => {
  const byId = shallowRef(new Map<string, Incident>());

  const list = computed(() => [...byId.value.values()]);
  const byUrgency = computed(() => [...byId.value.values()].sort(compareByUrgency));
  const openCount = computed(() => byId.value.size);

  function replaceAll(incidents: readonly Incident[]): void {
    byId.value = new Map(incidents.filter((i) => isOpenIncident(i.status)).map((i) => [i.id, i]));
  }

  function upsert(incident: Incident): void {
    if (isOpenIncident(incident.status)) byId.value.set(incident.id, incident);
    else byId.value.delete(incident.id);
    triggerRef(byId);
  }

  function get(id: string): Incident | undefined {
    return byId.value.get(id);
  }

  return { byId, list, byUrgency, openCount, replaceAll, upsert, get };
});
