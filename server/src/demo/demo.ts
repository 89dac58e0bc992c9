import type { FastifyInstance } from 'fastify';
import { AlertSimulator } from './alert-simulator.js';
import { seedDemo } from './demo-seed.js';
import { PatrolSimulator } from './patrol-simulator.js';

/** DEMO=1: seed the district once, then keep it alive with moving patrols and occasional alerts. */
export async function startDemo(app: FastifyInstance, baseUrl: string): Promise<() => void> {
  const { gatewayKeys } = await seedDemo(app);
  const network = await app.core.roads();
  const patrols = new PatrolSimulator(network.graph, baseUrl);
  const stations = app.core.picture.stations;
  // The simulated phones know their own tracker ids, as real ones do; the picture is the only place the server keeps them.
  const trackerOf = new Map([...app.core.picture.unitByTracker].map(([trackerId, unitId]) => [unitId, trackerId]));
  const units = [...app.core.picture.units.values()].filter((u) => u.id.startsWith('demo-') && trackerOf.has(u.id)).slice(0, app.core.config.DEMO_UNITS);
  units.forEach((unit, i) => {
    // Start near where the unit would sit: its last fix, else a station.
    const at = unit.position ?? stations[i % Math.max(1, stations.length)] ?? { lat: 0, lon: 0 };
    patrols.addUnit(trackerOf.get(unit.id)!, unit.mode, at);
  });
  patrols.start();
  const alerts = new AlertSimulator(baseUrl, gatewayKeys, app.core.config.DEMO_ALERT_EVERY_SECONDS);
  alerts.start();
  app.log.info({ units: units.length, gateways: gatewayKeys.length }, 'demo running');
  return () => {
    patrols.stop();
    alerts.stop();
  };
}
