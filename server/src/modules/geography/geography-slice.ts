import type { Grid, LogEntry, Station, Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listGrids, listStations, listTeams } from './geo-repository.js';

/**
 * Grids, stations and teams in service (retired ones are not on the picture). Loaded with the
 * picture and moved forward by `geography.changed` (the console, issue 19); teams and a few
 * older paths (the demo seed, a standing crew) still reload it (`load`).
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
    if (entry.type !== 'geography.changed') return;
    // New arrays, never mutated in place: readers (place index, coverage) compare by identity.
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
