/**
 * The OsmAnd protocol as Traccar Client sends it: either query/form fields
 * (`id`, `lat`, `lon` or `location=lat,lon`, `timestamp`, `speed` in knots, …)
 * or, in current versions, a JSON body `{device_id, location: {timestamp,
 * coords: {latitude, longitude, speed (m/s), heading, accuracy, altitude},
 * battery: {level 0..1, is_charging}}}`. Pure: no I/O, easy to test and fuzz.
 */
export interface DecodedFix {
  trackerId: string;
  lat: number;
  lon: number;
  timeMs: number;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
  altitudeM: number | null;
  battery: number | null;
  charging: boolean | null;
  alarm: string | null;
}

export type DecodeResult = { ok: true; fix: DecodedFix } | { ok: false; field: string; message: string };

const KNOTS_TO_KMH = 1.852;
const MPS_TO_KMH = 3.6;

class DecodeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Fields = Record<string, unknown>;

export function decodeOsmand(query: Fields, body: unknown, nowMs = Date.now()): DecodeResult {
  try {
    // The JSON flavour nests `location` as an object; the form flavour's `location` is the string "lat,lon".
    if (body && typeof body === 'object' && !Array.isArray(body) && ('device_id' in body || typeof (body as Fields).location === 'object')) {
      return { ok: true, fix: decodeJson(body as Fields, nowMs) };
    }
    const fields: Fields = { ...(body && typeof body === 'object' && !Array.isArray(body) ? (body as Fields) : {}), ...query };
    return { ok: true, fix: decodeFields(fields, nowMs) };
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, field: err.field, message: err.message };
    throw err;
  }
}

function decodeFields(f: Fields, nowMs: number): DecodedFix {
  const trackerId = text(f.id ?? f.deviceid, 'id');
  let lat: number;
  let lon: number;
  if (f.location !== undefined && f.lat === undefined) {
    const parts = text(f.location, 'location').split(',');
    if (parts.length !== 2) throw new DecodeError('location', 'must be "lat,lon"');
    lat = coordinate(parts[0], 'location', 90);
    lon = coordinate(parts[1], 'location', 180);
  } else {
    lat = coordinate(f.lat, 'lat', 90);
    lon = coordinate(f.lon, 'lon', 180);
  }
  const speedKnots = optionalNumber(f.speed, 'speed', 0, 2000);
  const charge = f.charge === undefined ? null : ['true', '1', true].includes(f.charge as string | boolean);
  return {
    trackerId,
    lat,
    lon,
    timeMs: timestamp(f.timestamp, nowMs),
    speedKmh: speedKnots === null ? null : speedKnots * KNOTS_TO_KMH,
    heading: optionalNumber(f.bearing ?? f.heading, f.bearing !== undefined ? 'bearing' : 'heading', 0, 360),
    accuracyM: optionalNumber(f.accuracy ?? f.hdop, 'accuracy', 0, 1e6),
    altitudeM: optionalNumber(f.altitude, 'altitude', -1000, 20000),
    battery: optionalNumber(f.batt, 'batt', 0, 100),
    charging: charge,
    alarm: f.alarm === undefined ? null : text(f.alarm, 'alarm').toLowerCase(),
  };
}

function decodeJson(b: Fields, nowMs: number): DecodedFix {
  const trackerId = text(b.device_id, 'device_id');
  const location = object(b.location, 'location');
  const coords = object(location.coords, 'location.coords');
  const battery =
    location.battery === undefined ? (b.battery === undefined ? null : object(b.battery, 'battery')) : object(location.battery, 'location.battery');
  const speed = optionalNumber(coords.speed, 'location.coords.speed', -1, 1000);
  const level = battery ? optionalNumber(battery.level, 'battery.level', -1, 1) : null;
  const extras = location.extras && typeof location.extras === 'object' ? (location.extras as Fields) : {};
  const alarm = extras.alarm ?? b.alarm;
  return {
    trackerId,
    lat: coordinate(coords.latitude, 'location.coords.latitude', 90),
    lon: coordinate(coords.longitude, 'location.coords.longitude', 180),
    timeMs: timestamp(location.timestamp, nowMs),
    // The geolocation library reports -1 for "unknown".
    speedKmh: speed === null || speed < 0 ? null : speed * MPS_TO_KMH,
    heading: nonNegative(optionalNumber(coords.heading, 'location.coords.heading', -1, 360)),
    accuracyM: optionalNumber(coords.accuracy, 'location.coords.accuracy', 0, 1e6),
    altitudeM: optionalNumber(coords.altitude, 'location.coords.altitude', -1000, 20000),
    battery: level === null || level < 0 ? null : Math.round(level * 100),
    charging: battery && typeof battery.is_charging === 'boolean' ? battery.is_charging : null,
    alarm: alarm === undefined || alarm === null ? null : text(alarm, 'alarm').toLowerCase(),
  };
}

const nonNegative = (v: number | null) => (v === null || v < 0 ? null : v);

function text(v: unknown, field: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v.trim() === '') throw new DecodeError(field, 'is required');
  if (v.length > 128) throw new DecodeError(field, 'is longer than 128 characters');
  return v.trim();
}

function object(v: unknown, field: string): Fields {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new DecodeError(field, 'must be an object');
  return v as Fields;
}

function toNumber(v: unknown, field: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new DecodeError(field, 'must be a number');
  return n;
}

function coordinate(v: unknown, field: string, limit: number): number {
  if (v === undefined) throw new DecodeError(field, 'is required');
  const n = toNumber(v, field);
  if (Math.abs(n) > limit) throw new DecodeError(field, `must be between -${limit} and ${limit}`);
  return n;
}

function optionalNumber(v: unknown, field: string, min: number, max: number): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = toNumber(v, field);
  if (n < min || n > max) throw new DecodeError(field, `must be between ${min} and ${max}`);
  return n;
}

/** Unix seconds, Unix milliseconds or ISO 8601; absent means "now" as Traccar assumes. */
export function timestamp(v: unknown, nowMs: number): number {
  if (v === undefined || v === null || v === '') return nowMs;
  const raw = typeof v === 'string' ? v.trim() : v;
  const asNumber = typeof raw === 'number' ? raw : /^\d+(\.\d+)?$/.test(String(raw)) ? Number(raw) : Number.NaN;
  let ms: number;
  if (Number.isFinite(asNumber)) ms = asNumber > 1e11 ? asNumber : asNumber * 1000;
  else if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw)) ms = Date.parse(raw);
  else throw new DecodeError('timestamp', 'must be Unix seconds, milliseconds or ISO 8601');
  // Year 2000 to 2100: anything else is a broken clock or a broken field, not a time.
  if (!Number.isFinite(ms) || ms < 946684800000 || ms > 4102444800000) throw new DecodeError('timestamp', 'is out of range');
  return Math.round(ms);
}
