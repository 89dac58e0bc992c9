import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CreateDevice, Device } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

export interface DeviceRecord extends Device {
  lat: number | null;
  lon: number | null;
}

interface DeviceRow {
  id: string;
  name: string;
  kind: Device['kind'];
  unit_id: string | null;
  lat: number | null;
  lon: number | null;
  created_at: Date;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  unitId: r.unit_id,
  lat: r.lat,
  lon: r.lon,
  createdAt: r.created_at.toISOString(),
});

export const hashDeviceKey = (key: string) => createHash('sha256').update(key).digest('hex');

const newDeviceKey = () => `lfd_${randomBytes(32).toString('base64url')}`;

/** The key is 256 random bits, returned once; only its hash is stored. */
export async function createDevice(q: Queryable, input: CreateDevice & { lat?: number; lon?: number }): Promise<{ device: DeviceRecord; key: string }> {
  const key = newDeviceKey();
  const [row] = await q.query<DeviceRow>('INSERT INTO devices (id, name, kind, unit_id, key_hash, lat, lon) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *', [
    randomUUID(),
    input.name,
    input.kind,
    input.unitId ?? null,
    hashDeviceKey(key),
    input.lat ?? null,
    input.lon ?? null,
  ]);
  return { device: toDevice(row!), key };
}

export async function findDeviceByKey(q: Queryable, key: string): Promise<DeviceRecord | null> {
  const [row] = await q.query<DeviceRow>('SELECT * FROM devices WHERE key_hash = $1 AND revoked_at IS NULL', [hashDeviceKey(key)]);
  return row ? toDevice(row) : null;
}

export async function listDevices(q: Queryable): Promise<DeviceRecord[]> {
  return (await q.query<DeviceRow>('SELECT * FROM devices WHERE revoked_at IS NULL ORDER BY created_at')).map(toDevice);
}

/** A device in service and the hash of its current key (null: unknown or revoked). */
export async function findActiveDevice(q: Queryable, id: string): Promise<{ device: DeviceRecord; keyHash: string } | null> {
  const [row] = await q.query<DeviceRow & { key_hash: string }>('SELECT * FROM devices WHERE id = $1 AND revoked_at IS NULL', [id]);
  return row ? { device: toDevice(row), keyHash: row.key_hash } : null;
}

/** A new key for a device in service: the old hash is replaced in the same statement, so the old key is dead on commit. */
export async function rotateDeviceKey(q: Queryable, id: string): Promise<string | null> {
  const key = newDeviceKey();
  const rows = await q.query('UPDATE devices SET key_hash = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id, hashDeviceKey(key)]);
  return rows.length > 0 ? key : null;
}

export async function revokeDevice(q: Queryable, id: string): Promise<DeviceRecord | null> {
  const [row] = await q.query<DeviceRow>('UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING *', [id]);
  return row ? toDevice(row) : null;
}
