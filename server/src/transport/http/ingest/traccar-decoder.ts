import type { DecodedFix } from './osmand-decoder.js';

/**
 * A Traccar server's JSON position forwarding (`forward.type=json`): one POST per position,
 * `{"position": {...}, "device": {...}}` with Traccar's own models — `device.uniqueId` (the
 * terminal's identifier, an IMEI for most JT/T 808, GT06 and Teltonika units), `position.fixTime`
 * (ISO 8601), `latitude`, `longitude`, `speed` (knots, Traccar's internal unit), `course`,
 * `altitude`, `accuracy` (0 when the protocol has none), `valid`, and `attributes`
 * (`batteryLevel` in percent, `charge`, `alarm` such as "sos"). Pure: no I/O.
 */
export type TraccarDecodeResult = { ok: true; fix: DecodedFix; valid: boolean } | { ok: false; field: string; message: string };

const KNOTS_TO_KMH = 1.852;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (field: string, message: string): TraccarDecodeResult => ({ ok: false, field, message });

function num(v: unknown, min: number, max: number): number | null | 'bad' {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return 'bad';
  return v;
}

export function decodeTraccarForward(body: unknown): TraccarDecodeResult {
  if (!isObj(body)) return fail('body', 'must be the JSON object Traccar forwards: {"position": {...}, "device": {...}}');
  const { position, device } = body;
  if (!isObj(device)) return fail('device', 'is required (Traccar forwards the device with the position)');
  if (!isObj(position)) return fail('position', 'is required');
  const uniqueId = device.uniqueId;
  if (typeof uniqueId !== 'string' || uniqueId.length === 0 || uniqueId.length > 64) return fail('device.uniqueId', 'must be a string of 1 to 64 characters');

  const lat = num(position.latitude, -90, 90);
  const lon = num(position.longitude, -180, 180);
  if (lat === null || lat === 'bad') return fail('position.latitude', 'must be a number from -90 to 90');
  if (lon === null || lon === 'bad') return fail('position.longitude', 'must be a number from -180 to 180');
  const time = position.fixTime ?? position.deviceTime;
  const timeMs = typeof time === 'string' ? Date.parse(time) : NaN;
  if (!Number.isFinite(timeMs)) return fail('position.fixTime', 'must be an ISO 8601 time');

  const speed = num(position.speed, 0, 1000);
  const course = num(position.course, 0, 360);
  const altitude = num(position.altitude, -1000, 100_000);
  const accuracy = num(position.accuracy, 0, 100_000);
  for (const [field, v] of [
    ['position.speed', speed],
    ['position.course', course],
    ['position.altitude', altitude],
    ['position.accuracy', accuracy],
  ] as const)
    if (v === 'bad') return fail(field, 'is out of range');

  const attributes = isObj(position.attributes) ? position.attributes : {};
  const battery = num(attributes.batteryLevel, 0, 100);
  const alarm = typeof attributes.alarm === 'string' ? attributes.alarm.split(',')[0]!.trim().toLowerCase() : null;
  return {
    ok: true,
    valid: position.valid !== false,
    fix: {
      trackerId: uniqueId,
      lat,
      lon,
      timeMs,
      speedKmh: speed === null || speed === 'bad' ? null : speed * KNOTS_TO_KMH,
      heading: course === 'bad' ? null : course,
      // Traccar writes 0 when the protocol carries no accuracy: unknown, not perfect.
      accuracyM: accuracy === 'bad' || accuracy === 0 ? null : accuracy,
      altitudeM: altitude === 'bad' ? null : altitude,
      battery: battery === 'bad' ? null : battery,
      charging: typeof attributes.charge === 'boolean' ? attributes.charge : null,
      alarm,
    },
  };
}
