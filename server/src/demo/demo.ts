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
  const units = [...app.core.picture.units.values()].filter((u) => u.trackerId?.startsWith('demo-')).slice(0, app.core.config.DEMO_UNITS);
  units.forEach((unit, i) => {
    // Start near where the unit would sit: its last fix, else a station.
    const at = unit.position ?? stations[i % Math.max(1, stations.length)] ?? { lat: 0, lon: 0 };
    patrols.addUnit(unit.trackerId!, unit.mode, at);
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
