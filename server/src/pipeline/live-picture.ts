import type { Coverage, Grid, Incident, IncidentAdvice, KeyArea, LogEntry, PatrolPlan, Snapshot, Station, Team, Unit } from '@lianfang/shared';
import { fresherPosition, isOpenIncident } from '@lianfang/shared';
import type { Database } from '../db/database.js';
import { latestCoverage } from '../modules/coverage/coverage-repository.js';
import { latestAdvice } from '../modules/dispatch/advice-repository.js';
import { listGrids, listStations, listTeams } from '../modules/geography/geo-repository.js';
import { listKeyAreas } from '../modules/key-areas/key-area-repository.js';
import { listPatrolPlans } from '../modules/patrols/patrol-plan-repository.js';
import { listOpenIncidents } from '../modules/incidents/incident-repository.js';
import { listEnrolledUnits, newestFixes } from '../modules/units/unit-repository.js';
import { publicUnit } from '../modules/units/public-unit.js';
import { currentSeq } from './outbox.js';

/**
 * What this instance believes the world looks like at `seq`: units, open
 * incidents and the fixed geography. Loaded once from the database, then moved
 * forward only by log entries, so every instance holds the same picture at the same seq.
 */
export class LivePicture {
  readonly units = new Map<string, Unit>();
  readonly incidents = new Map<string, Incident>();
  /** Tracker id → unit, for the OsmAnd ingest. Server-side only: tracker ids are secrets and never reach a screen. */
  readonly unitByTracker = new Map<string, string>();
  private readonly trackerByUnit = new Map<string, string>();
  readonly keyAreas = new Map<string, KeyArea>();
  readonly patrolPlans = new Map<string, PatrolPlan>();
  /** Routing: best ETA per open incident nobody has reached yet, and the latest coverage map. */
  readonly advice = new Map<string, IncidentAdvice>();
  coverage: Coverage | undefined;
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
      for (const { trackerId, ...unit } of await listEnrolledUnits(q)) {
        picture.putUnit(unit);
        picture.setTracker(unit.id, trackerId);
      }
      // `last_fix` is written on a slow beat; history may hold a newer fix (a crash before the beat).
      for (const p of await newestFixes(q)) {
        const unit = picture.units.get(p.unitId);
        if (unit) unit.position = fresherPosition(unit.position, p);
      }
      for (const i of await listOpenIncidents(q)) picture.incidents.set(i.id, i);
      picture.grids = await listGrids(q);
      picture.stations = await listStations(q);
      picture.teams = await listTeams(q);
      for (const a of await listKeyAreas(q)) picture.keyAreas.set(a.id, a);
      for (const p of await listPatrolPlans(q)) picture.patrolPlans.set(p.id, p);
      // Derived state has no table: the latest published events at this same seq.
      for (const a of await latestAdvice(q, [...picture.incidents.keys()])) picture.applyAdvice(a);
      picture.coverage = await latestCoverage(q);
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
        if (entry.trackerId !== undefined) this.setTracker(entry.unit.id, entry.trackerId);
        break;
      case 'alert.raised':
      case 'incident.created':
      case 'incident.updated':
        if (isOpenIncident(entry.incident.status)) this.incidents.set(entry.incident.id, entry.incident);
        else this.incidents.delete(entry.incident.id);
        // Advice ends with the incident or with the first arrival (the clock it predicts has stopped).
        if (!this.incidents.has(entry.incident.id) || entry.incident.milestones.onSceneAt) this.advice.delete(entry.incident.id);
        break;
      case 'key_area.updated':
        this.keyAreas.set(entry.keyArea.id, entry.keyArea);
        break;
      case 'patrol_plan.updated':
        this.patrolPlans.set(entry.patrolPlan.id, entry.patrolPlan);
        break;
      case 'incident.advice':
        this.applyAdvice(entry.advice);
        break;
      case 'coverage.updated':
        this.coverage = entry.coverage;
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
      patrolPlans: [...this.patrolPlans.values()],
      advice: [...this.advice.values()],
      ...(this.coverage ? { coverage: this.coverage } : {}),
    };
  }

  /** Advice computed just before an arrival or a close may commit just after it: then it is moot. */
  private applyAdvice(advice: IncidentAdvice): void {
    const incident = this.incidents.get(advice.incidentId);
    if (incident && !incident.milestones.onSceneAt) this.advice.set(advice.incidentId, advice);
  }

  private putUnit(unit: Unit): void {
    const previous = this.units.get(unit.id);
    // A status change carries the unit as stored (its `last_fix` may be seconds old): keep the fresher position.
    this.units.set(unit.id, { ...publicUnit(unit), position: fresherPosition(previous?.position ?? null, unit.position) });
  }

  /** A rotated or revoked tracker id stops moving the unit at once. */
  private setTracker(unitId: string, trackerId: string | null): void {
    const previous = this.trackerByUnit.get(unitId);
    if (previous !== undefined) this.unitByTracker.delete(previous);
    this.trackerByUnit.delete(unitId);
    if (trackerId) {
      this.unitByTracker.set(trackerId, unitId);
      this.trackerByUnit.set(unitId, trackerId);
    }
  }
}
