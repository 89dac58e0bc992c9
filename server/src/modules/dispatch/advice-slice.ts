import type { IncidentAdvice, LogEntry } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { PictureSlice } from '../../pipeline/picture-registry.js';
import type { IncidentsSlice } from '../incidents/incidents-slice.js';
import { latestAdvice } from './advice-repository.js';

/** Best ETA per open incident nobody has reached yet. Applied after the incidents slice, which it reads. */
export class AdviceSlice implements PictureSlice {
  readonly advice = new Map<string, IncidentAdvice>();

  constructor(private readonly open: IncidentsSlice) {}

  async load(q: Queryable): Promise<void> {
    // Derived state has no table: the latest published events at this same seq.
    for (const a of await latestAdvice(q, [...this.open.incidents.keys()])) this.put(a);
  }

  apply(entry: LogEntry): void {
    if (entry.type === 'incident.advice') this.put(entry.advice);
    else if (entry.type === 'alert.raised' || entry.type === 'incident.created' || entry.type === 'incident.updated') {
      // Advice ends with the incident or with the first arrival (the clock it predicts has stopped).
      if (!this.open.incidents.has(entry.incident.id) || entry.incident.milestones.onSceneAt) this.advice.delete(entry.incident.id);
    }
  }

  /** Advice computed just before an arrival or a close may commit just after it: then it is moot. */
  private put(advice: IncidentAdvice): void {
    const incident = this.open.incidents.get(advice.incidentId);
    if (incident && !incident.milestones.onSceneAt) this.advice.set(advice.incidentId, advice);
  }
}
