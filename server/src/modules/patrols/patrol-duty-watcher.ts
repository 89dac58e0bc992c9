import type { DomainEvent, PatrolPlan } from '@lianfang/shared';
import { checkpointsReached, nextDeviation, shiftKeyAt } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import { localMinutes } from '../key-areas/key-area-watcher.js';
import { getPatrolPlan, saveDutyState } from './patrol-plan-repository.js';

type Change = { kind: 'checkin'; shiftKey: string; indexes: number[]; at: string } | { kind: 'away'; at: string } | { kind: 'back' };

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function localDate(nowMs: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(nowMs));
}

/**
 * Fixed posts and guard tours, judged from accepted fixes: a unit away from its
 * post for a few fixes during its shift is reported as deviating (and cleared
 * when back); a tour's checkpoints check in by geofence, fresh each shift.
 */
export class PatrolDutyWatcher {
  private readonly awayCounts = new Map<string, number>();
  private pending = new Map<string, Change[]>();
  // Database away: these changes are dropped; the next fixes bring them again.
  private readonly worker = new PeriodicWorker(() => this.writePending(), { onError: () => {} });

  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly timeZone: string,
  ) {}

  onFix(unitId: string, fix: { lat: number; lon: number; deviceTimeMs: number }, nowMs = Date.now()): void {
    // Most fixes come from units without a plan: no clock arithmetic for them.
    let clock: { minutes: number; today: string; yesterday: string } | undefined;
    for (const plan of this.picture.patrolPlans.values()) {
      if (plan.unitId !== unitId) continue;
      clock ??= {
        minutes: localMinutes(nowMs, this.timeZone),
        today: localDate(nowMs, this.timeZone),
        yesterday: localDate(nowMs - 86_400_000, this.timeZone),
      };
      const { minutes, today, yesterday } = clock;
      const shiftKey = shiftKeyAt(plan, today, minutes, yesterday);
      if (!shiftKey) continue;
      const at = new Date(fix.deviceTimeMs).toISOString();
      if (plan.kind === 'tour') {
        const current = plan.shiftKey === shiftKey ? plan : { ...plan, checkpoints: plan.checkpoints.map((c) => ({ ...c, checkedInAt: null })) };
        const indexes = checkpointsReached(current, fix);
        if (indexes.length > 0) this.queue(plan.id, { kind: 'checkin', shiftKey, indexes, at });
      } else if (plan.post) {
        const { count, away, back } = nextDeviation(this.awayCounts.get(plan.id) ?? 0, fix, plan.post);
        this.awayCounts.set(plan.id, count);
        if (away && !plan.deviatingSince) this.queue(plan.id, { kind: 'away', at });
        if (back && plan.deviatingSince) this.queue(plan.id, { kind: 'back' });
      }
    }
  }

  start(intervalMs = 5000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Writes the queued changes now; while a write runs, resolves with it instead of starting another. */
  flush(): Promise<void> {
    return this.worker.kick();
  }

  /** Nothing queued: no transaction, and nothing to wait for. */
  private writePending(): Promise<void> | undefined {
    if (this.pending.size === 0) return undefined;
    const work = this.pending;
    this.pending = new Map();
    return this.write(work);
  }

  private async write(work: Map<string, Change[]>): Promise<void> {
    await this.bus.run(async (q) => {
      const events: DomainEvent[] = [];
      for (const [id, changes] of work) {
        const stored = await getPatrolPlan(q, id);
        if (!stored) continue;
        const next = changes.reduce(apply, stored);
        if (JSON.stringify(next) === JSON.stringify(stored)) continue;
        events.push({ type: 'patrol_plan.updated', patrolPlan: await saveDutyState(q, next) });
      }
      return { result: undefined, events };
    });
  }

  private queue(id: string, change: Change): void {
    const list = this.pending.get(id) ?? [];
    list.push(change);
    this.pending.set(id, list);
  }
}

function apply(plan: PatrolPlan, change: Change): PatrolPlan {
  switch (change.kind) {
    case 'checkin': {
      const fresh = plan.shiftKey === change.shiftKey ? plan.checkpoints : plan.checkpoints.map((c) => ({ ...c, checkedInAt: null }));
      return {
        ...plan,
        shiftKey: change.shiftKey,
        checkpoints: fresh.map((c, i) => (change.indexes.includes(i) && !c.checkedInAt ? { ...c, checkedInAt: change.at } : c)),
      };
    }
    case 'away':
      return plan.deviatingSince ? plan : { ...plan, deviatingSince: change.at };
    case 'back':
      return { ...plan, deviatingSince: null };
  }
}
