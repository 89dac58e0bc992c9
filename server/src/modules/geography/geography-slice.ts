import { GridIndex, type Grid, type LogEntry, type Station, type Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listGrids, listStations, listTeams } from './geo-repository.js';

/**
 * Grids, stations and teams in service (retired ones are not on the picture). Loaded with the
 * picture and moved forward by `geography.changed` (the console, issue 19) and `team.updated`;
 * a few older paths (the demo seed, a standing crew) still reload it (`load`).
 */
export class GeographySlice implements PictureSlice {
  stations: Station[] = [];
  teams: Team[] = [];
  private gridList: Grid[] = [];
  /** Point-in-grid over `grids`: rebuilt whenever the array is replaced; after changing it in place, call `rebuildGridIndex`. */
  gridIndex = new GridIndex<Grid>([]);

  get grids(): Grid[] {
    return this.gridList;
  }
  set grids(grids: Grid[]) {
    this.gridList = grids;
    this.rebuildGridIndex();
  }

  async load(q: Queryable): Promise<void> {
    this.grids = await listGrids(q);
    this.stations = await listStations(q);
    this.teams = await listTeams(q);
  }

  /** A static R-tree: rebuilding is one pass over the grids, cheaper than keeping a dynamic tree in step. */
  rebuildGridIndex(): void {
    this.gridIndex = new GridIndex(this.gridList);
  }

  apply(entry: LogEntry): void {
    if (entry.type === 'team.updated') {
      const others = this.teams.filter((t) => t.id !== entry.team.id);
      this.teams = entry.retired ? others : [...others, entry.team].sort((a, b) => a.name.localeCompare(b.name));
      return;
    }
    if (entry.type !== 'geography.changed') return;
    // New arrays, never mutated in place: readers (place index, coverage) compare by identity; the grid setter rebuilds the index.
    if (entry.grids.length > 0) this.grids = merged(this.grids, entry.grids);
    if (entry.stations.length > 0) this.stations = merged(this.stations, entry.stations);
  }
}

/** `list` with each changed record replaced (or added), and the retired ones gone. */
function merged<T extends { id: string; retiredAt?: string | null }>(list: readonly T[], changed: readonly T[]): T[] {
  const byId = new Map(changed.map((c) => [c.id, c]));
  const out: T[] = [];
  for (const item of list) {
    const next = byId.get(item.id) ?? item;
    byId.delete(item.id);
    if (!next.retiredAt) out.push(next);
  }
  for (const added of byId.values()) if (!added.retiredAt) out.push(added);
  return out;
}
