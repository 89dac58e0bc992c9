import type { Grid, LogEntry, Station, Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listGrids, listStations, listTeams } from './geo-repository.js';

/**
 * Grids, stations and teams. Grids and stations are not event-sourced (they change rarely): a
 * change reloads them (`load`). Teams move with `team.updated` (the console), so every instance follows.
 */
export class GeographySlice implements PictureSlice {
  grids: Grid[] = [];
  stations: Station[] = [];
  teams: Team[] = [];

  async load(q: Queryable): Promise<void> {
    this.grids = await listGrids(q);
    this.stations = await listStations(q);
    this.teams = await listTeams(q);
  }

  apply(entry: LogEntry): void {
    if (entry.type !== 'team.updated') return;
    const others = this.teams.filter((t) => t.id !== entry.team.id);
    this.teams = entry.retired ? others : [...others, entry.team].sort((a, b) => a.name.localeCompare(b.name));
  }
}
