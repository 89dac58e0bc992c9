import type { Grid, LogEntry, Station, Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listGrids, listStations, listTeams } from './geo-repository.js';

/** Grids, stations and teams. Not event-sourced (they change rarely): a change reloads them (`reload`). */
export class GeographySlice implements PictureSlice {
  grids: Grid[] = [];
  stations: Station[] = [];
  teams: Team[] = [];

  async load(q: Queryable): Promise<void> {
    this.grids = await listGrids(q);
    this.stations = await listStations(q);
    this.teams = await listTeams(q);
  }

  apply(_entry: LogEntry): void {}
}
