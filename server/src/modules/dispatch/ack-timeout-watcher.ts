import type { Incident } from '@lianfang/shared';
import { capabilityTier } from '@lianfang/shared';
import type { RoadGraph } from '@lianfang/shared/routing/index';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { ClockedCheck } from '../../pipeline/clocked-check.js';
import type { DispatchService } from './dispatch-service.js';
import { appendTimeline, getIncident } from '../incidents/incident-repository.js';
import { rankCandidates, type LocatedUnit } from './candidate-ranking.js';
import { chooseReplacement } from './replacement-choice.js';

/**
 * A dispatch nobody acknowledges is a dispatch that is not happening. After
 * the limit, the next best available unit (chooseReplacement: same force
 * first, then the capability ranking of the incident's category) is offered on the assignment and the timeline, or sent at once when
 * AUTO_REDISPATCH is on. Recorded once per assignment, by whichever instance
 * gets there first (`ack_timeout_at IS NULL` in the update).
 */
export class AckTimeoutWatcher extends ClockedCheck {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly dispatch: DispatchService,
    private readonly graph: () => Promise<RoadGraph>,
    private readonly limitSeconds: number,
    private readonly autoRedispatch: boolean,
    /** Blue-light speed-up, as the desk's ranking uses it (the default matches config's). */
    private readonly emergencyFactor = 1.3,
  ) {
    super();
  }

  protected async checkAt(nowMs: number): Promise<void> {
    for (const incident of [...this.picture.incidents.values()]) {
      for (const a of incident.assignments) {
        if (a.status !== 'dispatched' || a.ackTimeoutAt || nowMs - Date.parse(a.dispatchedAt) < this.limitSeconds * 1000) continue;
        await this.handle(incident, a.unitId);
      }
    }
  }

  private async handle(incident: Incident, silentUnitId: string): Promise<void> {
    const replacement = await this.nextBest(incident, silentUnitId);
    const { result: recorded } = await this.bus.run(async (q) => {
      const rows = await q.query(
        'UPDATE incident_units SET ack_timeout_at = now(), replacement_unit_id = $3 WHERE incident_id = $1 AND unit_id = $2 AND ack_timeout_at IS NULL AND status = $4 RETURNING unit_id',
        [incident.id, silentUnitId, replacement, 'dispatched'],
      );
      if (rows.length === 0) return { result: false, events: [] };
      await appendTimeline(q, incident.id, 'system', 'ack_timeout', {
        unitId: silentUnitId,
        replacementUnitId: replacement,
        auto: this.autoRedispatch && replacement !== null,
      });
      const updated = (await getIncident(q, incident.id))!;
      return { result: true, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    if (recorded && replacement && this.autoRedispatch) await this.dispatch.dispatch(incident.id, [replacement], 'system:auto-redispatch').catch(() => {});
  }

  /** The same capability ranking as the desk's candidates, so the replacement fits the case as the first unit did. */
  private async nextBest(incident: Incident, silentUnitId: string): Promise<string | null> {
    const silent = this.picture.units.get(silentUnitId);
    const pool = [...this.picture.units.values()].filter((u): u is LocatedUnit => u.status === 'available' && u.position !== null && u.id !== silentUnitId);
    if (pool.length === 0) return null;
    const ranked = rankCandidates(await this.graph(), incident, pool, {
      nowMs: Date.now(),
      emergencyFactor: this.emergencyFactor,
      category: incident.category,
    });
    const force = silent?.force ?? ranked[0]?.force;
    if (!force) return null;
    return chooseReplacement(ranked, { force, tier: capabilityTier(incident.category, force) });
  }
}
