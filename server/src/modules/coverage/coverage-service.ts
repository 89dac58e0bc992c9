import type { Coverage, LogEntry, WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { COVERAGE_LIMIT_MINUTES } from '@lianfang/shared';
import { computeCoverage, coverageCells, resolveCoverageOptions, type CoverageOptions } from '@lianfang/shared/routing/index';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { LeasedPublisher, type Lease } from '../../pipeline/leased-publisher.js';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { coverageHash, describeCoverage } from './coverage-report.js';
import { sampleCoverage } from './coverage-repository.js';
import { coverageSources, coversNow } from './coverage-sources.js';
import { whatIfCoverage } from './what-if.js';
import { checkWhatIfUnits } from './what-if-check.js';

export interface CoverageSettings {
  h3Resolution: number;
  emergencyFactor: number;
  /** At most one recompute per this (positions move all the time). */
  intervalMs: number;
  /** A recompute waits this long after a status change, so a dispatch of three units is one recompute. */
  settleMs: number;
}

const SAMPLE_EVERY_MS = 60_000;
/** Out of the way of the start itself (migrations, picture, listen). */
const WARM_DELAY_MS = 1000;

/**
 * The live 15-minute response map: recomputed from the available units' fixes and the
 * stations' standing crews (coverage-sources.ts), throttled, and published as `coverage.updated` through the command bus only when
 * its content changed. Only the lease holder computes; every instance keeps the latest in
 * its picture. Also writes the once-a-minute sample for the coverage-over-time charts.
 */
export class CoverageService {
  private readonly options: CoverageOptions;
  private readonly publisher: LeasedPublisher;
  private lastStatusAt = 0;
  private warmTimer: NodeJS.Timeout | undefined;
  private lastSampleAt = 0;
  private seenGeography: [unknown, unknown] = [null, null];
  private hashed: { version: number; hash: string } | undefined;

  constructor(
    private readonly bus: CommandBus,
    private readonly db: Database,
    private readonly picture: LivePicture,
    private readonly roads: () => Promise<RoadNetwork>,
    lease: Lease,
    private readonly settings: CoverageSettings,
  ) {
    this.options = { h3Resolution: settings.h3Resolution, emergencyFactor: settings.emergencyFactor, limitMinutes: COVERAGE_LIMIT_MINUTES };
    this.publisher = new LeasedPublisher(lease, settings.intervalMs, {
      publish: () => this.publish(),
      reschedule: () => this.reschedule(),
      beat: () => this.beat(),
    });
  }

  start(): void {
    this.publisher.start();
    // The first computation on a graph builds its H3 cells (~1 s on a city): do it before anyone waits for it.
    this.warmTimer = setTimeout(() => {
      void this.roads()
        .then((network) => {
          if (!this.publisher.stopped) coverageCells(network.graph, this.settings.h3Resolution, resolveCoverageOptions(this.options).maxWalkM);
        })
        .catch(() => {});
    }, WARM_DELAY_MS);
    this.warmTimer.unref();
    this.reschedule();
  }

  stop(): Promise<void> {
    clearTimeout(this.warmTimer);
    return this.publisher.stop();
  }

  onEntry(entry: LogEntry): void {
    if (entry.type === 'unit.positions') {
      // Busy units do not cover: their moves change nothing.
      if (
        !entry.positions.some((p) => {
          const unit = this.picture.units.get(p.unitId);
          return unit !== undefined && coversNow(unit);
        })
      )
        return;
    } else if (entry.type === 'unit.updated') {
      this.lastStatusAt = Date.now();
    } else if (entry.type !== 'geography.changed' || entry.stations.length === 0) {
      // A station added, moved or retired in the console (issue 19) changes where crews stand; nothing else here does.
      return;
    }
    this.publisher.dirty = true;
    this.reschedule();
  }

  latest(): Coverage | undefined {
    return this.picture.coverage;
  }

  /** Recompute now, ignoring the throttle (tests, an operator's refresh). True when it published. */
  recompute(): Promise<boolean> {
    this.publisher.dirty = true;
    return this.publisher.run();
  }

  async whatIf(request: WhatIfRequest): Promise<WhatIfReply> {
    checkWhatIfUnits(request, this.picture.units);
    const { graph } = await this.roads();
    const sources = coverageSources(this.picture.units.values(), this.picture.stations, Date.now());
    return whatIfCoverage(graph, sources, this.picture.grids, request, this.options, this.picture.units);
  }

  private async beat(): Promise<void> {
    // Geography is not event-sourced: an admin change replaces the arrays in the picture.
    if (this.seenGeography[0] !== this.picture.grids || this.seenGeography[1] !== this.picture.stations) {
      this.seenGeography = [this.picture.grids, this.picture.stations];
      this.publisher.dirty = true;
    }
    if (await this.publisher.holdsLease()) await this.sampleIfDue();
    this.reschedule();
  }

  /** A debounce within a throttle: at most one run per interval, and not before status changes have settled. */
  private reschedule(): void {
    if (!this.publisher.dirty) return;
    this.publisher.runAt(Math.max(this.publisher.lastRunAt + this.settings.intervalMs, this.lastStatusAt + this.settings.settleMs));
  }

  /** Under the lease (LeasedPublisher): a new map, through the bus, only when its content changed. */
  private async publish(): Promise<boolean> {
    const previous = this.picture.coverage;
    const sources = coverageSources(this.picture.units.values(), this.picture.stations, Date.now());
    if (sources.length === 0 && !previous) return false;
    const { graph } = await this.roads();
    const body = describeCoverage(computeCoverage(graph, sources, this.options), this.picture.grids);
    // Nothing covered and nothing ever published: an empty map is what screens already show.
    if (!previous && body.cells.length === 0) return false;
    const hash = coverageHash(body);
    if (previous && previous.resolution === this.settings.h3Resolution && hash === this.hashOf(previous)) return false;
    const coverage: Coverage = { version: (previous?.version ?? 0) + 1, computedAt: new Date().toISOString(), resolution: this.settings.h3Resolution, ...body };
    if (this.publisher.stopped) return false;
    await this.bus.run(async () => ({ result: undefined, events: [{ type: 'coverage.updated' as const, coverage }] }));
    this.hashed = { version: coverage.version, hash };
    await this.sampleIfDue(coverage);
    return true;
  }

  private hashOf(coverage: Coverage): string {
    if (this.hashed?.version !== coverage.version) this.hashed = { version: coverage.version, hash: coverageHash(coverage) };
    return this.hashed.hash;
  }

  private async sampleIfDue(coverage = this.picture.coverage): Promise<void> {
    if (!coverage || Date.now() - this.lastSampleAt < SAMPLE_EVERY_MS) return;
    this.lastSampleAt = Date.now();
    await sampleCoverage(this.db, coverage).catch(() => {});
  }
}
