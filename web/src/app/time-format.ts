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
    f = kind === 'time'
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
