/**
 * Spreadsheets from a district's previous system write times as wall-clock text in the
 * district's zone ("2024-03-04 10:05:00"), without an offset. These turn such a time into
 * an instant. A time that also carries an offset or `Z` is taken as it is.
 */

// Spreadsheets in zh-CN show 2024/3/4 10:05; ISO-like 2024-03-04 10:05:00 is what exports write.
const WALL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/**
 * Offsets by zone and quarter hour: a year's spreadsheet asks for ~70,000 times, and
 * formatToParts costs tens of µs each; zones change offset only on a quarter hour.
 */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/** The zone's offset from UTC at an instant, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 200_000) offsets.clear();
    offset = measuredOffset(Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function measuredOffset(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - (ms - (ms % 1000));
}

/**
 * `2024-03-04 10:05[:00[.000]]` (or with `T`, or `2024/3/4 10:05`) in `timeZone` → ISO 8601 UTC; an ISO time with
 * an offset is returned normalised; anything else → null. Of a wall time that a clock change
 * skips or repeats, the earlier reading is taken (China has had none since 1991).
 */
export function instantOfLocalTime(text: string, timeZone: string): string | null {
  const s = text.trim();
  if (WITH_OFFSET.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const m = WALL_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac] = m;
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0), Number((frac ?? '0').padEnd(3, '0')));
  const check = new Date(wallAsUtc);
  // Date.UTC rolls 2024-02-30 over into March: a day that does not exist is not a time
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return null;
  // two passes: the offset at the guess, then at the corrected instant
  let ms = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  ms = wallAsUtc - offsetAt(ms, timeZone);
  return new Date(ms).toISOString();
}
