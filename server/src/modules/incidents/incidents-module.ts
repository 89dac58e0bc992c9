import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { ClockWatcher } from './clock-watcher.js';
import { EscalationService } from './escalation-service.js';
import { historyImportRoutes } from './history-import-routes.js';
import { incidentCommandRoutes } from './incident-command-routes.js';
import { incidentRoutes } from './incident-routes.js';
import { LifecycleService } from './lifecycle-service.js';
import { InAppNotifier, WebhookNotifier } from './notifier.js';
import { OnSceneWatcher } from './on-scene-watcher.js';
import { photoRoutes } from './photo-routes.js';
import type { DescribeLocation } from '../places/describe-location.js';

export interface IncidentsModule extends ModuleParts {
  lifecycle: LifecycleService;
  escalation: EscalationService;
  clocks: ClockWatcher;
}

/** The closed loop of a case: open → resolve → close, the response clocks, the ladder and the whistle, arrival by position. */
export function createIncidentsModule(deps: {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  dispatch: DispatchService;
  config: Pick<Config, 'NOTIFY_WEBHOOK_URL' | 'ON_SCENE_RADIUS_M' | 'DATA_DIR' | 'PHOTO_MAX_BYTES' | 'ACK_TIMEOUT_SECONDS' | 'TIME_ZONE'>;
  /** Where a new incident is in words (the places module). */
  describe?: DescribeLocation;
}): IncidentsModule {
  const { db, bus, picture, dispatch, config } = deps;
  const lifecycle = new LifecycleService(bus, picture, deps.describe);
  const escalation = new EscalationService(bus, picture, config.NOTIFY_WEBHOOK_URL ? new WebhookNotifier(config.NOTIFY_WEBHOOK_URL) : new InAppNotifier());
  const clocks = new ClockWatcher(bus, picture);
  const onScene = new OnSceneWatcher(picture, dispatch);
  return {
    name: 'incidents',
    lifecycle,
    escalation,
    clocks,
    routes: [
      incidentRoutes({ db, picture }),
      incidentCommandRoutes({ db, config, picture, lifecycle, escalation, dispatch }),
      photoRoutes({ db, bus, config }),
      historyImportRoutes({ db, config, ...(deps.describe ? { describe: deps.describe } : {}) }),
    ],
    workers: [clocks],
    onFix: (unitId, fix) => onScene.onFix(unitId, fix),
  };
}
