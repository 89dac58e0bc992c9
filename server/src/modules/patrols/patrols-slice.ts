import type { LogEntry, PatrolPlan } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import { listPatrolPlans } from './patrol-plan-repository.js';

export class PatrolsSlice implements PictureSlice {
  readonly patrolPlans = new Map<string, PatrolPlan>();

  async load(q: Queryable): Promise<void> {
    for (const p of await listPatrolPlans(q)) this.patrolPlans.set(p.id, p);
  }

  apply(entry: LogEntry): void {
    if (entry.type !== 'patrol_plan.updated') return;
    // A retired plan leaves the picture, and so the duty watcher and the walls.
    if (entry.patrolPlan.retiredAt) this.patrolPlans.delete(entry.patrolPlan.id);
    else this.patrolPlans.set(entry.patrolPlan.id, entry.patrolPlan);
  }
}
