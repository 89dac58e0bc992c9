import type { Incident } from '@lianfang/shared';

/** What the call-taker wrote down about the caller and the place, for the unit that goes. */
export interface IncidentContact {
  caller: string | null;
  callbackNumber: string | null;
  address: string | null;
  description: string | null;
}

type MaybeContactFields = Partial<Record<keyof IncidentContact, unknown>>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Reads the call-taking fields (caller, callback number, address, description) when the server
 * sends them. They are added to the incident by the call-taking work of issue 16; until a server
 * has them (or for incidents opened by an alarm) they are simply absent, and every field is null.
 */
export function incidentContact(incident: Incident): IncidentContact {
  const fields = incident as Incident & MaybeContactFields;
  return { caller: text(fields.caller), callbackNumber: text(fields.callbackNumber), address: text(fields.address), description: text(fields.description) };
}

/** A number a phone can dial from a `tel:` link: digits and a leading +, nothing else (spaces, dashes dropped). */
export function telHref(number: string): string | null {
  const cleaned = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return cleaned.replace('+', '').length >= 3 ? `tel:${cleaned}` : null;
}
