import type { Coverage, Grid, Incident, IncidentAdvice, KeyArea, PatrolPlan, Snapshot, Station, Team, Unit } from '@lianfang/shared';
import type { Database } from '../db/database.js';
import { PictureRegistry } from '../pipeline/picture-registry.js';
import { CoverageSlice } from './coverage/coverage-slice.js';
import { AdviceSlice } from './dispatch/advice-slice.js';
import { GeographySlice } from './geography/geography-slice.js';
import { IncidentsSlice } from './incidents/incidents-slice.js';
import { KeyAreasSlice } from './key-areas/key-areas-slice.js';
import { PatrolsSlice } from './patrols/patrols-slice.js';
import { UnitsSlice } from './units/units-slice.js';

/**
 * The live picture as the modules read it: the pipeline's registry of the slices
 * each module contributes (units, incidents, advice, geography, key areas, patrols,
 * coverage), loaded at one seq and moved forward by the log in seq order.
 */
export class LivePicture extends PictureRegistry {
  private readonly unitSlice = new UnitsSlice();
  private readonly incidentSlice = new IncidentsSlice();
  private readonly adviceSlice = new AdviceSlice(this.incidentSlice);
  readonly geography = new GeographySlice();
  private readonly keyAreaSlice = new KeyAreasSlice();
  private readonly patrolSlice = new PatrolsSlice();
  private readonly coverageSlice = new CoverageSlice();

  private constructor() {
    super([]);
    // Order matters once: advice reads the incidents, so it loads and applies after them.
    this.slices.push(this.unitSlice, this.incidentSlice, this.geography, this.keyAreaSlice, this.patrolSlice, this.adviceSlice, this.coverageSlice);
  }

  static async load(db: Database): Promise<LivePicture> {
    const picture = new LivePicture();
    await picture.loadFrom(db);
    return picture;
  }

  get units(): Map<string, Unit> {
    return this.unitSlice.units;
  }
  get unitByTracker(): Map<string, string> {
    return this.unitSlice.unitByTracker;
  }
  get incidents(): Map<string, Incident> {
    return this.incidentSlice.incidents;
  }
  get advice(): Map<string, IncidentAdvice> {
    return this.adviceSlice.advice;
  }
  get keyAreas(): Map<string, KeyArea> {
    return this.keyAreaSlice.keyAreas;
  }
  get patrolPlans(): Map<string, PatrolPlan> {
    return this.patrolSlice.patrolPlans;
  }
  get coverage(): Coverage | undefined {
    return this.coverageSlice.coverage;
  }
  get grids(): Grid[] {
    return this.geography.grids;
  }
  /** The most local grid (grid, else community, else street) containing the point. */
  gridAt(lon: number, lat: number): Grid | null {
    return this.geography.gridIndex.find(lon, lat);
  }
  get stations(): Station[] {
    return this.geography.stations;
  }
  get teams(): Team[] {
    return this.geography.teams;
  }

  snapshot(): Snapshot {
    const coverage = this.coverage;
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
      ...(coverage ? { coverage } : {}),
    };
  }
}
