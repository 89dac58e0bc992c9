import { DeviceImportRowSchema, type DeviceImportRow, type DomainEvent, type ImportProblem, type ImportRow, type OneTimeSecret } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import { readCells } from '../csv-cells.js';
import { importRowChecker, rejectedRow, type RowInFile } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { createDevice, type DeviceRecord } from './device-repository.js';

interface KnownDevice {
  id: string;
  name: string;
  kind: DeviceRecord['kind'];
  unit_id: string | null;
  lat: number | null;
  lon: number | null;
}

type Where = { unitId: string | null; lat: number | null; lon: number | null };
type Plan = { row: number; r: DeviceImportRow; where: Where; known: KnownDevice | null; fields: string[] };

const checkRow = importRowChecker<DeviceImportRow>(DeviceImportRowSchema, 'name');
const asDevice = ({ lat: _lat, lon: _lon, ...d }: DeviceRecord) => d;

/**
 * Alert devices by name (names are what the console and the walls show; two devices in service
 * with one name make the row refused as ambiguous). A new device gets a key, in the report once;
 * a known one gets the unit (callsign) and fixed position of its row, its key untouched; its
 * kind is what it was registered as (a different one is refused: re-register it instead).
 */
export function deviceImportStage(items: readonly RowInFile[]): ImportStage {
  return async (q, { actor }) => {
    const { rows, plans } = await planDevices(q, items);
    const secrets: OneTimeSecret[] = [];
    const events: DomainEvent[] = [];
    for (const p of plans) {
      let device: DeviceRecord;
      if (!p.known) {
        const created = await createDevice(q, {
          name: p.r.name,
          kind: p.r.kind,
          ...(p.where.unitId ? { unitId: p.where.unitId } : {}),
          ...(p.where.lat !== null && p.where.lon !== null ? { lat: p.where.lat, lon: p.where.lon } : {}),
        });
        device = created.device;
        secrets.push({ row: p.row, key: p.r.name, secret: created.key });
        await recordAudit(q, actor, 'device.create', device.id, { name: device.name, kind: device.kind, import: true });
      } else {
        const [row] = await q.query<KnownDevice & { created_at: Date }>('UPDATE devices SET unit_id = $2, lat = $3, lon = $4 WHERE id = $1 RETURNING *', [
          p.known.id,
          p.where.unitId,
          p.where.lat,
          p.where.lon,
        ]);
        device = {
          id: row!.id,
          name: row!.name,
          kind: row!.kind,
          unitId: row!.unit_id,
          lat: row!.lat,
          lon: row!.lon,
          createdAt: row!.created_at.toISOString(),
        };
        await recordAudit(q, actor, 'device.update', device.id, { name: device.name, fields: p.fields, import: true });
      }
      events.push({ type: 'device.updated', device: asDevice(device), revoked: false });
    }
    return { kind: 'devices', rows, events, secrets };
  };
}

async function planDevices(q: Queryable, items: readonly RowInFile[]): Promise<{ rows: ImportRow[]; plans: Plan[] }> {
  // one after another: inside the import's transaction there is one connection
  const devices = await q.query<KnownDevice>('SELECT id, name, kind, unit_id, lat, lon FROM devices WHERE revoked_at IS NULL');
  const units = await q.query<{ id: string; callsign: string }>('SELECT id, callsign FROM units WHERE retired_at IS NULL');
  const rows: ImportRow[] = [];
  const plans: Plan[] = [];
  const inFile = new Set<string>();
  for (const item of items) {
    const cells = readCells(item.raw, { numbers: ['lat', 'lon'] });
    const checked = checkRow(cells.raw);
    const r = checked.row;
    const readProblems = [...(item.problems ?? []), ...cells.problems];
    if (readProblems.length > 0 || !r) {
      rows.push(rejectedRow(item.row, checked.key, readProblems.length > 0 ? readProblems : checked.problems));
      continue;
    }
    const problems: ImportProblem[] = [];
    if (inFile.has(r.name)) problems.push({ field: 'name', message: 'appears twice in this file', code: 'twice_in_file', params: { value: r.name } });
    inFile.add(r.name);
    const named = devices.filter((d) => d.name === r.name);
    if (named.length > 1)
      problems.push({ field: 'name', message: `${named.length} devices in service have this name`, code: 'name_ambiguous', params: { value: r.name } });
    const known = named.length === 1 ? named[0]! : null;
    if (known && known.kind !== r.kind)
      problems.push({ field: 'kind', message: `the device is registered as ${known.kind}`, code: 'kind_differs', params: { value: known.kind } });
    const unit = r.unit ? units.find((u) => u.callsign === r.unit) : null;
    if (r.unit && !unit) problems.push({ field: 'unit', message: `no unit with callsign ${r.unit}`, code: 'unknown_unit', params: { value: r.unit } });
    if ((r.lat === undefined) !== (r.lon === undefined))
      problems.push({ field: r.lat === undefined ? 'lat' : 'lon', message: 'lat and lon go together', code: 'lat_lon_together' });
    if (problems.length > 0) {
      rows.push(rejectedRow(item.row, r.name, problems));
      continue;
    }
    // an empty cell keeps what the device has: a partial file never unbinds or unplaces one
    const where: Where = {
      unitId: unit?.id ?? known?.unit_id ?? null,
      lat: r.lat ?? known?.lat ?? null,
      lon: r.lon ?? known?.lon ?? null,
    };
    const fields = known
      ? [known.unit_id !== where.unitId ? 'unit' : null, known.lat !== where.lat || known.lon !== where.lon ? 'position' : null].filter(
          (f): f is string => f !== null,
        )
      : [];
    const action = !known ? 'create' : fields.length > 0 ? 'update' : 'unchanged';
    rows.push({ row: item.row, key: r.name, action, problems: [] });
    if (action !== 'unchanged') plans.push({ row: item.row, r, where, known, fields });
  }
  return { rows, plans };
}
