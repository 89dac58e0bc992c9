import type { Position, PositionFlag } from '@lianfang/shared';
import { checkFix } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import type { Metrics } from '../../observability/metrics.js';
import { saveLastFixes, savePositions } from '../units/unit-repository.js';

export interface IncomingFix {
  unitId: string;
  lat: number;
  lon: number;
  deviceTimeMs: number;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
  altitudeM: number | null;
  battery: number | null;
}

/**
 * Rows derived from accepted fixes that are committed with the fixes' own batch:
 * in the same transaction, and put back with them when it fails.
 */
export interface FixBatchRider {
  /** What was gathered since the last call, or null when nothing was. */
  take(): RiderLoad | null;
}
export interface RiderLoad {
  write(q: Queryable): Promise<void>;
  putBack(): void;
}

export type IngestResult = { accepted: true; flags: PositionFlag[] } | { accepted: false; reason: string };

// A database outage must not eat the heap: beyond this, the oldest buffered fixes go.
const MAX_BUFFERED = 200_000;
// `units.last_fix` (what a restart starts from) is refreshed this often, not per batch.
const LAST_FIX_EVERY_MS = 10_000;

/**
 * The position hot path: check the fix, keep it in memory, and commit all
 * fixes of a period in one transaction (history rows, latest fix per unit, one
 * `unit.positions` event). A crash may lose up to one period of positions;
 * alerts never take this path. The latest fix per unit goes to `units.last_fix`
 * only every LAST_FIX_EVERY_MS and on close; the history covers a crash between.
 */
export class PositionIngest {
  private buffer: Position[] = [];
  private readonly lastFix = new Map<string, { lat: number; lon: number; deviceTimeMs: number }>();
  // flush() never rejects: a failed batch is put back for the next beat.
  private readonly worker = new PeriodicWorker(() => this.flush(), { onError: () => {} });
  private flushing: Promise<void> | null = null;
  /** Newest fix per unit not yet in `units.last_fix`. */
  private dirtyLatest = new Map<string, Position>();
  private latestWrittenAt = Date.now();
  private readonly listeners: ((unitId: string, fix: IncomingFix) => void)[] = [];
  private readonly riders: FixBatchRider[] = [];
  /** Fixes accepted so far, and how many of the first of them are committed (or dropped); see whenCommitted. */
  private acceptedCount = 0;
  private committedCount = 0;
  private committedWaiters: { count: number; resolve: () => void }[] = [];
  // Thousands of fixes a second share their server millisecond and, from 1 Hz trackers, their device second.
  private readonly serverIso = new LastIso();
  private readonly deviceIso = new LastIso();

  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly metrics: Metrics,
    private readonly flushMs: number,
  ) {
    for (const unit of picture.units.values()) {
      if (unit.position) this.lastFix.set(unit.id, { lat: unit.position.lat, lon: unit.position.lon, deviceTimeMs: Date.parse(unit.position.deviceTime) });
    }
  }

  start(): void {
    this.worker.start(this.flushMs);
  }

  /** Ends the beat (close then calls flush(true) itself). */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Called for every accepted fix (on-scene detection, key areas). */
  onAccepted(listener: (unitId: string, fix: IncomingFix) => void): void {
    this.listeners.push(listener);
  }

  /** Rows that listeners derive from accepted fixes, written in each batch's transaction (key-area visit minutes). */
  addRider(rider: FixBatchRider): void {
    this.riders.push(rider);
  }

  /** Resolves once every fix accepted until now is committed (after as many flushes as that takes). */
  whenCommitted(): Promise<void> {
    if (this.committedCount >= this.acceptedCount) return Promise.resolve();
    const count = this.acceptedCount;
    return new Promise((resolve) => this.committedWaiters.push({ count, resolve }));
  }

  /** The freshest accepted fix, even one not yet committed: an SOS right after a fix is located by it. */
  lastKnownPoint(unitId: string): { lat: number; lon: number } | null {
    const fix = this.lastFix.get(unitId);
    return fix ? { lat: fix.lat, lon: fix.lon } : null;
  }

  accept(fix: IncomingFix, now = Date.now()): IngestResult {
    const unit = this.picture.units.get(fix.unitId);
    if (!unit) return { accepted: false, reason: 'unknown_unit' };
    const previous = this.lastFix.get(fix.unitId) ?? null;
    const verdict = checkFix(fix, previous, unit.mode, now);
    if (verdict.verdict === 'reject') {
      this.metrics.positionsRejected.inc({ reason: verdict.reason });
      return { accepted: false, reason: verdict.reason };
    }
    this.lastFix.set(fix.unitId, { lat: fix.lat, lon: fix.lon, deviceTimeMs: fix.deviceTimeMs });
    this.buffer.push({
      unitId: fix.unitId,
      lat: fix.lat,
      lon: fix.lon,
      speedKmh: fix.speedKmh,
      heading: fix.heading,
      accuracyM: fix.accuracyM,
      altitudeM: fix.altitudeM,
      battery: fix.battery,
      deviceTime: this.deviceIso.of(fix.deviceTimeMs),
      serverTime: this.serverIso.of(now),
      flags: verdict.flags,
    });
    if (this.buffer.length > MAX_BUFFERED) this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
    this.metrics.positionsAccepted.inc();
    this.acceptedCount++;
    for (const listener of this.listeners) listener(fix.unitId, fix);
    return { accepted: true, flags: verdict.flags };
  }

  /** Commits what is buffered; on failure the fixes stay buffered for the next try. `final` also writes every unit's latest fix. */
  flush(final = false): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (final ? this.flush(true) : undefined));
    const now = Date.now();
    const writeLatest = final || now - this.latestWrittenAt >= LAST_FIX_EVERY_MS;
    if (this.buffer.length === 0 && !(writeLatest && this.dirtyLatest.size > 0)) return Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    // Every fix accepted so far is in this batch (or was dropped at MAX_BUFFERED).
    const through = this.acceptedCount;
    for (const p of batch) this.dirtyLatest.set(p.unitId, p);
    const latest = writeLatest ? this.dirtyLatest : null;
    if (latest) {
      this.dirtyLatest = new Map();
      this.latestWrittenAt = now;
    }
    // Taken together with the batch: a rider holds rows of exactly these fixes.
    const loads = this.riders.map((r) => r.take()).filter((l) => l !== null);
    this.flushing = this.bus
      .run(
        async (q) => {
          await savePositions(q, batch);
          if (latest) await saveLastFixes(q, latest);
          for (const load of loads) await load.write(q);
          const events = batch.length > 0 ? [{ type: 'unit.positions' as const, positions: batch }] : [];
          return { result: undefined, events };
        },
        { awaitApply: false },
      )
      .then(() => this.markCommitted(through))
      .catch(() => {
        this.buffer = batch.concat(this.buffer);
        for (const load of loads) load.putBack();
        // Put back what was not written, unless a newer fix came meanwhile.
        if (latest) for (const [id, p] of latest) if (!this.dirtyLatest.has(id)) this.dirtyLatest.set(id, p);
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private markCommitted(through: number): void {
    this.committedCount = Math.max(this.committedCount, through);
    const due = this.committedWaiters.filter((w) => w.count <= this.committedCount);
    this.committedWaiters = this.committedWaiters.filter((w) => w.count > this.committedCount);
    for (const w of due) w.resolve();
  }
}

/** `new Date(ms).toISOString()`, remembering the last answer: the same instant comes many times in a row. */
class LastIso {
  private ms = Number.NaN;
  private iso = '';

  of(ms: number): string {
    if (ms !== this.ms) {
      this.ms = ms;
      this.iso = new Date(ms).toISOString();
    }
    return this.iso;
  }
}
