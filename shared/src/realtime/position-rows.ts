import type { Position, PositionFlag } from '../schemas/position.js';

/**
 * Positions on the wire as compact rows instead of objects. At 2,000 fixes a
 * second to 1,000 screens the socket writes are the server's biggest cost, and
 * a `Position` object (two ISO times, key names, nulls) is ~250 bytes against
 * ~70 for a row. Times are milliseconds after the batch's `t0`.
 *
 * `[unitId, lat, lon, speedKmh, heading, deviceDt, serverDt, accuracyM, battery, flags?]`
 *
 * Altitude is not sent: no screen draws it; the history API has it.
 */
export type PositionRow = [
  unitId: string,
  lat: number,
  lon: number,
  speedKmh: number | null,
  heading: number | null,
  deviceDt: number,
  serverDt: number,
  accuracyM: number | null,
  battery: number | null,
  flags?: PositionFlag[],
];

export interface PositionRows {
  t0: number;
  rows: PositionRow[];
}

// 1e-6 degrees is 0.11 m: finer than any phone fix, and it keeps the digits short.
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function encodePositionRows(positions: Iterable<Position>): PositionRows {
  const rows: PositionRow[] = [];
  let t0 = Number.POSITIVE_INFINITY;
  const times: [number, number][] = [];
  for (const p of positions) {
    const device = Date.parse(p.deviceTime);
    const server = Date.parse(p.serverTime);
    t0 = Math.min(t0, device, server);
    times.push([device, server]);
    const row: PositionRow = [p.unitId, round6(p.lat), round6(p.lon), round1(p.speedKmh), round1(p.heading), 0, 0, round1(p.accuracyM), round1(p.battery)];
    if (p.flags.length > 0) row.push(p.flags);
    rows.push(row);
  }
  if (rows.length === 0) return { t0: 0, rows };
  rows.forEach((row, i) => {
    row[5] = times[i]![0] - t0;
    row[6] = times[i]![1] - t0;
  });
  return { t0, rows };
}

export function decodePositionRows(batch: PositionRows): Position[] {
  return batch.rows.map(([unitId, lat, lon, speedKmh, heading, deviceDt, serverDt, accuracyM, battery, flags]) => ({
    unitId,
    lat,
    lon,
    speedKmh,
    heading,
    accuracyM,
    altitudeM: null,
    battery,
    deviceTime: new Date(batch.t0 + deviceDt).toISOString(),
    serverTime: new Date(batch.t0 + serverDt).toISOString(),
    flags: flags ?? [],
  }));
}
