/**
 * A login's device in a few words ("Chrome · Linux") from its user agent: enough for a person to
 * recognise their own phone or the wall PC, without the 150-character string.
 */
const BROWSERS: readonly [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/okhttp|Traccar/i, 'Traccar Client'],
  [/curl\//, 'curl'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

const first = (table: readonly [RegExp, string][], ua: string) => table.find(([re]) => re.test(ua))?.[1];

/** null when the server did not record a user agent; the raw string, cut short, when nothing is recognised. */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const parts = [first(BROWSERS, userAgent), first(SYSTEMS, userAgent)].filter((p): p is string => p !== undefined);
  if (parts.length > 0) return parts.join(' · ');
  return userAgent.length > 32 ? `${userAgent.slice(0, 31)}…` : userAgent;
}
