import { DEFAULT_ON_SCENE, nextOnSceneCount, type OnSceneRule } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';

/**
 * Marks a dispatched unit on scene when a few consecutive fixes put it at the
 * incident, so arrival times do not depend on someone pressing a button while
 * running into a building. The operator can still set it by hand.
 */
export class OnSceneWatcher {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly picture: LivePicture,
    private readonly dispatch: DispatchService,
    private readonly rule: OnSceneRule = DEFAULT_ON_SCENE,
  ) {}

  onFix(unitId: string, fix: { lat: number; lon: number }): void {
    for (const incident of this.picture.incidents.values()) {
      const assignment = incident.assignments.find(
        (a) => a.unitId === unitId && (a.status === 'dispatched' || a.status === 'acknowledged' || a.status === 'en_route'),
      );
      if (!assignment) continue;
      const key = `${incident.id}:${unitId}`;
      const { count, arrived } = nextOnSceneCount(this.counts.get(key) ?? 0, fix, incident, this.rule);
      this.counts.set(key, count);
      if (!arrived) continue;
      this.counts.delete(key);
      void this.arrive(incident.id, unitId, assignment.status);
    }
  }

  private async arrive(incidentId: string, unitId: string, status: string): Promise<void> {
    try {
      // A unit that drove there without pressing anything went en route first.
      if (status === 'dispatched') await this.dispatch.setAssignmentStatus(incidentId, unitId, 'en_route', 'system:geofence');
      await this.dispatch.setAssignmentStatus(incidentId, unitId, 'on_scene', 'system:geofence');
    } catch {
      // Someone set it meanwhile (409) or the database is away; the next fixes try again if still needed.
    }
  }
}
