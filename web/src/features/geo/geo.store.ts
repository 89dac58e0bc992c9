import type { Grid, KeyArea, Station, Team } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

/**
 * The geography from the snapshot: grids (3 levels), stations, teams (rarely
 * change), and key areas, whose patrol-visit state moves with `key_area:updated`.
 */
export const useGeoStore = defineStore('geo', () => {
  const gridsById = shallowRef(new Map<string, Grid>());
  const stationsById = shallowRef(new Map<string, Station>());
  const teamsById = shallowRef(new Map<string, Team>());
  const keyAreasById = shallowRef(new Map<string, KeyArea>());

  const grids = computed(() => [...gridsById.value.values()]);
  const stations = computed(() => [...stationsById.value.values()]);
  const teams = computed(() => [...teamsById.value.values()]);
  const keyAreas = computed(() => [...keyAreasById.value.values()]);

  function replaceAll(data: { grids: readonly Grid[]; stations: readonly Station[]; teams: readonly Team[]; keyAreas?: readonly KeyArea[] }): void {
    gridsById.value = new Map(data.grids.map((g) => [g.id, g]));
    stationsById.value = new Map(data.stations.map((s) => [s.id, s]));
    teamsById.value = new Map(data.teams.map((t) => [t.id, t]));
    // Optional: a server from before key areas sends none.
    keyAreasById.value = new Map((data.keyAreas ?? []).map((k) => [k.id, k]));
  }

  /** A key area's visit state moved, or the console changed it; a retired one leaves the map. */
  function upsertKeyArea(area: KeyArea): void {
    keyAreasById.value = mergedById(keyAreasById.value, [area]);
  }

  /** A team created or renamed (console), or retired: the labels follow without a reload. */
  function applyTeam(team: Team, retired: boolean): void {
    const next = new Map(teamsById.value);
    if (retired) next.delete(team.id);
    else next.set(team.id, team);
    teamsById.value = next;
  }

  /** Grids and stations changed in the console (`geography:changed`): replaced or added, and dropped when retired. */
  function applyGeographyChange(grids: readonly Grid[], stations: readonly Station[]): void {
    if (grids.length > 0) gridsById.value = mergedById(gridsById.value, grids);
    if (stations.length > 0) stationsById.value = mergedById(stationsById.value, stations);
  }

  /** The grid and its parents (grid → community → street), nearest first. */
  function gridChain(gridId: string | null): Grid[] {
    const chain: Grid[] = [];
    let id = gridId;
    while (id && chain.length < 5) {
      const grid = gridsById.value.get(id);
      if (!grid) break;
      chain.push(grid);
      id = grid.parentId;
    }
    return chain;
  }

  return {
    gridsById,
    stationsById,
    teamsById,
    keyAreasById,
    grids,
    stations,
    teams,
    keyAreas,
    replaceAll,
    upsertKeyArea,
    applyTeam,
    applyGeographyChange,
    gridChain,
  };
});

function mergedById<T extends { id: string; retiredAt?: string | null }>(current: ReadonlyMap<string, T>, changed: readonly T[]): Map<string, T> {
  const next = new Map(current);
  for (const item of changed) {
    if (item.retiredAt) next.delete(item.id);
    else next.set(item.id, item);
  }
  return next;
}
