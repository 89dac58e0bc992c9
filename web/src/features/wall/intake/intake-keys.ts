import { INCIDENT_CATEGORIES, PRIORITIES, type IncidentCategory, type Priority } from '@lianfang/shared';

/** What a key does inside the call-intake form. Pure, so the mapping is tested without a DOM. */
export type IntakeCommand =
  | { type: 'close' }
  | { type: 'create'; dispatch: boolean }
  | { type: 'join' }
  | { type: 'category'; category: IncidentCategory }
  | { type: 'priority'; priority: Priority };

/** The field the key was pressed in: selects take digits, a textarea keeps its Enter for new lines. */
export type IntakeField = 'category' | 'priority' | 'text' | 'textarea' | 'other';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** physical key (Alt+J gives "∆" on a Mac layout, so joining reads the code) */
  code?: string;
}

/** 1–9 then 0 for the tenth: the digit printed before each category in the form. */
export function categoryForDigit(key: string): IncidentCategory | null {
  if (!/^[0-9]$/.test(key)) return null;
  const index = key === '0' ? 9 : Number(key) - 1;
  return INCIDENT_CATEGORIES[index] ?? null;
}

export const digitOfCategory = (c: IncidentCategory): string | null => {
  const i = INCIDENT_CATEGORIES.indexOf(c);
  return i < 9 ? String(i + 1) : i === 9 ? '0' : null;
};

/**
 * The form's keyboard (printed on the form): Esc closes, Enter creates, Ctrl+Enter creates and sends
 * the first unit, Alt+J joins the nearest possible duplicate; in the category field 1–9/0 choose a
 * category and in the priority field 1–4 a priority (a native select's arrows and type-ahead still work).
 */
export function intakeCommandForKey(e: KeyLike, field: IntakeField): IntakeCommand | null {
  if (e.key === 'Escape') return { type: 'close' };
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return { type: 'create', dispatch: true };
  if (e.altKey && (e.code === 'KeyJ' || e.key.toLowerCase() === 'j')) return { type: 'join' };
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Enter' && !e.shiftKey && field !== 'textarea' && field !== 'other') return { type: 'create', dispatch: false };
  if (field === 'category') {
    const category = categoryForDigit(e.key);
    return category ? { type: 'category', category } : null;
  }
  if (field === 'priority' && /^[1-4]$/.test(e.key)) return { type: 'priority', priority: PRIORITIES[Number(e.key) - 1]! };
  return null;
}
