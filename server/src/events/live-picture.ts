import type { Grid, Incident, KeyArea, LogEntry, Snapshot, Station, Team, Unit } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import type { Database } from '../db/database.js';
import { listGrids, listStations, listTeams } from '../plugins/app/geo/geo-repository.js';
import { listKeyAreas } from '../plugins/app/key-areas/key-area-repository.js';
import { listOpenIncidents } from '../plugins/app/incidents/incident-repository.js';
import { listUnits } from '../plugins/app/units/unit-repository.js';
import { currentSeq } from './outbox.js';

/**
 * What this instance believes the world looks like at `seq`: units, open
 * incidents and the fixed geography. Loaded once from the database, then moved
 * forward only by log entries, so every instance holds the same picture at the same seq.
 */
export class LivePicture {
  readonly units = new Map<string, Unit>();
  readonly incidents = new Map<string, Incident>();
  readonly unitByTracker = new Map<string, string>();
  readonly keyAreas = new Map<string, KeyArea>();
  grids: Grid[] = [];
  stations: Station[] = [];
  teams: Team[] = [];
  seq = 0;

  static async load(db: Database): Promise<LivePicture> {
    const picture = new LivePicture();
    // One transaction: the rows and the seq they correspond to are read from the same snapshot.
    await db.tx(async (q) => {
      if (db.driver === 'pg') await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      picture.seq = await currentSeq(q);
      for (const u of await listUnits(q)) picture.putUnit(u);
      for (const i of await listOpenIncidents(q)) picture.incidents.set(i.id, i);
      picture.grids = await listGrids(q);
      picture.stations = await listStations(q);
      picture.teams = await listTeams(q);
      for (const a of await listKeyAreas(q)) picture.keyAreas.set(a.id, a);
    });
    return picture;
  }

  apply(entry: LogEntry): void {
    this.seq = entry.seq;
    switch (entry.type) {
      case 'unit.positions':
        for (const p of entry.positions) {
          const unit = this.units.get(p.unitId);
          if (unit) unit.position = p;
        }
        break;
      case 'unit.updated':
        this.putUnit(entry.unit);
        break;
      case 'alert.raised':
      case 'incident.created':
      case 'incident.updated':
        if (isOpenIncident(entry.incident.status)) this.incidents.set(entry.incident.id, entry.incident);
        else this.incidents.delete(entry.incident.id);
        break;
      case 'key_area.updated':
        this.keyAreas.set(entry.keyArea.id, entry.keyArea);
        break;
    }
  }

  snapshot(): Snapshot {
    return {
      seq: this.seq,
      serverTime: new Date().toISOString(),
      units: [...this.units.values()],
      incidents: [...this.incidents.values()],
      grids: this.grids,
      stations: this.stations,
      teams: this.teams,
      keyAreas: [...this.keyAreas.values()],
    };
  }

  private putUnit(unit: Unit): void {
    const previous = this.units.get(unit.id);
    if (previous?.trackerId) this.unitByTracker.delete(previous.trackerId);
    // A status change carries the unit as stored; keep the fresher in-memory position.
    this.units.set(unit.id, { ...unit, position: previous?.position && !unit.position ? previous.position : unit.position });
    if (unit.trackerId) this.unitByTracker.set(unit.trackerId, unit.id);
  }
}
