import type { FastifyInstance } from 'fastify';
import { AlertSimulator } from './alert-simulator.js';
import { DEMO_CAPTAIN, seedDemo } from './demo-seed.js';
import { writeDemoHistory } from './demo-history.js';
import { DEFAULT_LOOP_SETTINGS, DemoLoop } from './demo-loop.js';
import { PatrolSimulator } from './patrol-simulator.js';

/**
 * DEMO=1: seed the district once, then keep it alive: moving patrols, panic
 * buttons, calls, crews that answer their dispatches and a desk that works the
 * cases nobody else touches (DEMO_LOOP); the 90-day past is written in the
 * background on the first start (DEMO_HISTORY_DAYS), so the server is up at once.
 */
export async function startDemo(app: FastifyInstance, baseUrl: string): Promise<() => void> {
  const { core } = app;
  const config = core.config;
  const { gatewayKeys } = await seedDemo(app);
  const network = await core.roads();
  const patrols = new PatrolSimulator(network.graph, baseUrl);
  const stations = core.picture.stations;
  // The simulated phones know their own tracker ids, as real ones do; the picture is the only place the server keeps them.
  const trackerOf = new Map([...core.picture.unitByTracker].map(([trackerId, unitId]) => [unitId, trackerId]));
  const units = [...core.picture.units.values()].filter((u) => u.id.startsWith('demo-') && trackerOf.has(u.id)).slice(0, config.DEMO_UNITS);
  units.forEach((unit, i) => {
    // Start near where the unit would sit: its last fix, else a station.
    const at = unit.position ?? stations[i % Math.max(1, stations.length)] ?? { lat: 0, lon: 0 };
    patrols.addUnit(trackerOf.get(unit.id)!, unit.mode, at);
  });
  // The captain's unit is the person on the demo tablet: the demo never answers for it.
  const crews = new Map(units.filter((u) => u.id !== DEMO_CAPTAIN.unitId && patrols.has(trackerOf.get(u.id)!)).map((u) => [u.id, trackerOf.get(u.id)!]));
  const loop = config.DEMO_LOOP
    ? new DemoLoop(
        { ...core, graph: network.graph, patrols, crews },
        {
          ...DEFAULT_LOOP_SETTINGS,
          callEverySeconds: config.DEMO_CALL_EVERY_SECONDS,
          maxOpen: config.DEMO_MAX_OPEN,
          emergencyFactor: config.EMERGENCY_FACTOR,
        },
      )
    : null;
  if (loop) loop.start();
  else patrols.start();
  const alerts = new AlertSimulator(baseUrl, gatewayKeys, config.DEMO_ALERT_EVERY_SECONDS);
  alerts.start();
  app.log.info({ units: units.length, crews: loop ? crews.size : 0, gateways: gatewayKeys.length }, 'demo running');
  if (config.DEMO_HISTORY_DAYS > 0) {
    const history = { bus: core.bus, db: core.db, graph: network.graph, grids: core.picture.grids, units, describe: core.places.describe };
    // the past's location texts need the place index: wait for it (about a second) before writing
    void core.places
      .directory()
      .catch(() => undefined)
      .then(() =>
        writeDemoHistory(history, {
          days: config.DEMO_HISTORY_DAYS,
          perDay: config.DEMO_HISTORY_PER_DAY,
          seed: 20261207,
          timeZone: config.TIME_ZONE,
          ackLimitSeconds: config.ACK_TIMEOUT_SECONDS,
        }),
      )
      .then(
        (r) => {
          if (r.days > 0) app.log.info({ incidents: r.incidents, days: r.days, seconds: Number(r.seconds.toFixed(1)) }, 'demo history written');
        },
        (err: unknown) => app.log.error({ err }, 'demo history not written'),
      );
  }
  return () => {
    loop?.stop();
    patrols.stop();
    alerts.stop();
  };
}
