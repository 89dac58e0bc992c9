import type { TimelineEntry } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

type Row = Omit<TimelineEntry, 'actorName'>;

/**
 * Names every timeline actor for the screens: `device:<id>` → the device's name (with its unit's
 * callsign), `unit:<id>` → the callsign, `user:<name>` and `tracker:<callsign>` → the name they carry.
 * Ids never reach a screen; a record that is gone answers null and the screen says "unknown".
 */
export async function nameTimelineActors(q: Queryable, rows: readonly Row[]): Promise<TimelineEntry[]> {
  const ids = (prefix: string) => [...new Set(rows.filter((r) => r.actor.startsWith(prefix)).map((r) => r.actor.slice(prefix.length)))];
  const deviceIds = ids('device:');
  const unitIds = ids('unit:');
  const devices = new Map<string, string>();
  if (deviceIds.length > 0) {
    const found = await q.query<{ id: string; name: string; callsign: string | null }>(
      `SELECT d.id, d.name, u.callsign FROM devices d LEFT JOIN units u ON u.id = d.unit_id WHERE d.id IN (${placeholders(deviceIds)})`,
      deviceIds,
    );
    for (const d of found) devices.set(d.id, d.callsign ? `${d.name} · ${d.callsign}` : d.name);
  }
  const units = new Map<string, string>();
  if (unitIds.length > 0) {
    const found = await q.query<{ id: string; callsign: string }>(`SELECT id, callsign FROM units WHERE id IN (${placeholders(unitIds)})`, unitIds);
    for (const u of found) units.set(u.id, u.callsign);
  }
  return rows.map((r) => ({ ...r, actorName: actorName(r.actor, devices, units) }));
}

function actorName(actor: string, devices: Map<string, string>, units: Map<string, string>): string | null {
  const at = actor.indexOf(':');
  const kind = at < 0 ? actor : actor.slice(0, at);
  const ref = at < 0 ? '' : actor.slice(at + 1);
  if (kind === 'device') return devices.get(ref) ?? null;
  if (kind === 'unit') return units.get(ref) ?? null;
  if (kind === 'user' || kind === 'tracker') return ref || null;
  return null;
}

const placeholders = (values: readonly unknown[]) => values.map((_, i) => `$${i + 1}`).join(', ');
