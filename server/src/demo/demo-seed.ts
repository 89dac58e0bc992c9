import type { FastifyInstance } from 'fastify';
import { roadGraphBounds } from '@lianfang/shared/routing/index';
import { createDevice } from '../modules/devices/device-repository.js';
import { insertGrid, insertStation, insertTeam } from '../modules/geography/geo-repository.js';
import { newTrackerId } from '../modules/units/tracker-ids.js';
import { insertUnit } from '../modules/units/unit-repository.js';
import { insertKeyArea } from '../modules/key-areas/key-area-repository.js';
import { createUser } from '../modules/users-auth/user-repository.js';
import { demoLayout } from './demo-layout.js';

export const DEMO_CAPTAIN = { username: 'captain', password: 'captain-demo', unitId: 'demo-police-car-1' };

/**
 * Writes the demo district once (marked in settings) through the normal
 * command path, so every screen receives it as events. The gateways' keys are
 * kept in settings for the simulator: acceptable for a demo, never for real keys.
 */
export async function seedDemo(app: FastifyInstance): Promise<{ gatewayKeys: string[] }> {
  const { core } = app;
  const [done] = await core.db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'demo_gateway_keys'");
  if (done) return { gatewayKeys: JSON.parse(done.value) as string[] };
  const network = await core.roads();
  const layout = demoLayout(roadGraphBounds(network.graph));
  const gatewayKeys: string[] = [];
  await core.bus.run(async (q) => {
    for (const team of layout.teams) await insertTeam(q, team);
    for (const grid of layout.grids) await insertGrid(q, grid);
    for (const station of layout.stations) await insertStation(q, station);
    const units = [];
    // Tracker ids are secrets even in the demo: random, like every id the console generates.
    for (const { id, ...unit } of layout.units) units.push(await insertUnit(q, { ...unit, trackerId: newTrackerId() }, id));
    for (const g of layout.gateways) gatewayKeys.push((await createDevice(q, { name: g.name, kind: 'alert_gateway', lat: g.lat, lon: g.lon })).key);
    const keyAreas = [];
    for (const area of layout.keyAreas) keyAreas.push(await insertKeyArea(q, area));
    await createUser(q, {
      username: DEMO_CAPTAIN.username,
      password: DEMO_CAPTAIN.password,
      role: 'captain',
      unitId: DEMO_CAPTAIN.unitId,
      teamId: 'team-police-car',
    });
    await createUser(q, { username: 'operator', password: 'operator-demo', role: 'operator' });
    await createUser(q, { username: 'manager', password: 'manager-demo', role: 'manager' });
    await q.query("INSERT INTO settings (key, value) VALUES ('demo_gateway_keys', $1)", [JSON.stringify(gatewayKeys)]);
    return {
      result: undefined,
      events: [
        ...units.map(({ trackerId, ...unit }) => ({ type: 'unit.updated' as const, unit, trackerId })),
        ...keyAreas.map((keyArea) => ({ type: 'key_area.updated' as const, keyArea })),
      ],
    };
  });
  // Geography is not event-sourced (it changes rarely): refresh this instance's copy.
  await core.picture.geography.load(core.db);
  return { gatewayKeys };
}
