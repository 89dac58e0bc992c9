import { GridIndex, type Grid, type LogEntry, type Station, type Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listGrids, listStations, listTeams } from './geo-repository.js';

/**
 * Grids, stations and teams. Grids and stations are not event-sourced (they change rarely): a
 * change reloads them (`load`). Teams move with `team.updated` (the console), so every instance follows.
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
    if (entry.type !== 'team.updated') return;
    const others = this.teams.filter((t) => t.id !== entry.team.id);
    this.teams = entry.retired ? others : [...others, entry.team].sort((a, b) => a.name.localeCompare(b.name));
  }
}
