import type { DomainEvent, Ring } from '@lianfang/shared';
import { isOverdue, keyAreaCovers, ringBox, type RingBox } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import { markOverdue, recordVisit } from './key-area-repository.js';
import type { KeyAreaVisitMinutes } from './key-area-visit-minutes.js';

// Building an Intl.DateTimeFormat costs ~100 µs; this runs for every accepted fix, so build one per zone.
const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight in the district's time zone (hours like "20:00" are local). */
export function localMinutes(nowMs: number, timeZone: string): number {
  let format = minuteFormats.get(timeZone);
  if (!format) minuteFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = format.formatToParts(new Date(nowMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

// Each area's box, per ring array (a key_area.updated entry brings a new area object, usually the same ring).
const boxes = new WeakMap<Ring, RingBox>();
const boxOf = (ring: Ring) => boxes.get(ring) ?? boxes.set(ring, ringBox(ring)).get(ring)!;

/**
 * Visits come from accepted fixes (kept in memory, written every few seconds,
 * newest per area); overdue is checked on the same beat against the last visit.
 * The same test also notes the visit minutes of the compliance history, which
 * ride with the fixes' own batch (see KeyAreaVisitMinutes). onFix runs only on
 * the instance that accepted the fix; tick runs on every instance.
 */
export class KeyAreaWatcher {
  private readonly visits = new Map<string, { unitId: string; at: string }>();
  // Database away: visits of this beat are lost, the next fixes bring new ones.
  private readonly worker = new PeriodicWorker<number>((nowMs) => this.beat(nowMs), { onError: () => {} });

  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly timeZone: string,
    private readonly minutes?: KeyAreaVisitMinutes,
  ) {}

  onFix(unitId: string, fix: { lat: number; lon: number; deviceTimeMs?: number }): void {
    for (const area of this.picture.keyAreas.values()) {
      // Compliance's rule for "inside" (box, then PostgreSQL's polygon test), so the history the SQL backfill writes is the same.
      if (!keyAreaCovers(boxOf(area.ring), area.ring, fix.lon, fix.lat)) continue;
      const at = fix.deviceTimeMs ?? Date.now();
      this.visits.set(area.id, { unitId, at: new Date(at).toISOString() });
      this.minutes?.note(area.id, unitId, at);
    }
  }

  start(intervalMs = 5000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** One beat now (tests pass a clock); while one runs, resolves with it instead of starting another. */
  tick(nowMs = Date.now()): Promise<void> {
    return this.worker.kick(nowMs);
  }

  private async beat(nowMs = Date.now()): Promise<void> {
    const visits = [...this.visits.entries()];
    this.visits.clear();
    const minutes = localMinutes(nowMs, this.timeZone);
    await this.bus.run(
      async (q) => {
        const events: DomainEvent[] = [];
        for (const [id, v] of visits) {
          const updated = await recordVisit(q, id, v.unitId, v.at);
          if (updated) events.push({ type: 'key_area.updated', keyArea: updated });
        }
        for (const area of this.picture.keyAreas.values()) {
          if (area.overdueSince || visits.some(([id]) => id === area.id)) continue;
          // Never visited: the watch runs from the area's creation, not from the beginning of time.
          if (!isOverdue(area, Date.parse(area.lastVisitAt ?? area.createdAt), nowMs, minutes)) continue;
          const updated = await markOverdue(q, area.id);
          if (updated) events.push({ type: 'key_area.updated', keyArea: updated });
        }
        return { result: undefined, events };
      },
      { awaitApply: true },
    );
  }
}
