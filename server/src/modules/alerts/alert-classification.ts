import type { AlertKind, IncidentCategory, Priority } from '@lianfang/shared';

/** How an incoming alert opens its incident before an operator has looked at it. */
export const ALERT_TRIAGE: Record<AlertKind, { category: IncidentCategory; priority: Priority }> = {
  sos: { category: 'criminal', priority: 'P1' },
  panic: { category: 'criminal', priority: 'P1' },
  fire: { category: 'fire', priority: 'P1' },
  medical: { category: 'medical', priority: 'P1' },
  crime: { category: 'criminal', priority: 'P2' },
  traffic: { category: 'traffic', priority: 'P2' },
  radio: { category: 'other', priority: 'P2' },
  // Only opens an incident when the one it names has closed meanwhile: someone still needs help.
  backup: { category: 'public_order', priority: 'P1' },
  other: { category: 'other', priority: 'P3' },
};
