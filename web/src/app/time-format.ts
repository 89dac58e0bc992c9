import { currentLocale } from './i18n';

/**
 * Local time, always 24 h (control rooms never read "PM"). Formatters are
 * cached per locale because they are used for every card every second.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'date', locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'time'
        ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        : new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
    cache.set(key, f);
  }
  return f;
}

/** Pass the locale from `useI18n()` inside components so the text follows a language switch. */
export function formatClock(at: Date | string | number, locale: string = currentLocale()): string {
  return formatter('time', locale).format(new Date(at));
}

export function formatDate(at: Date | string | number, locale: string = currentLocale()): string {
  return formatter('date', locale).format(new Date(at));
}

/** Elapsed time as m:ss, or h:mm:ss past an hour; negative clock skew shows 0:00. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();

/**
 * "3 分钟前" / "3 minutes ago" (or "in 2 days" for a future time), in the largest unit that
 * fits. Under a minute reads "now": a login list does not need seconds.
 */
export function formatRelative(at: Date | string | number, now: number = Date.now(), locale: string = currentLocale()): string {
  let f = relativeCache.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeCache.set(locale, f);
  }
  const seconds = (new Date(at).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return f.format(0, 'second');
  if (abs < 3600) return f.format(Math.trunc(seconds / 60), 'minute');
  if (abs < 86_400) return f.format(Math.trunc(seconds / 3600), 'hour');
  return f.format(Math.trunc(seconds / 86_400), 'day');
}

/** Date and 24 h time in one short string ("2026/12/07 09:15"), for lists of past events. */
export function formatDateTime(at: Date | string | number, locale: string = currentLocale()): string {
  return new Date(at).toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
