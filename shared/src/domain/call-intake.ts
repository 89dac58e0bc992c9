import type { Incident, IncidentCategory, PossibleDuplicate, Priority } from '../schemas/incident.js';
import { isOpenIncident } from '../schemas/incident.js';
import { distanceM } from './point-in-ring.js';

/**
 * The priority a call-taker starts from for each category (the operator can always override it):
 * threats to life and crimes in progress are P1; fights, traffic accidents and hazards P2;
 * disputes and help requests P3; the rest P4. The wall's intake form pre-selects it.
 */
export const SUGGESTED_PRIORITY: Readonly<Record<IncidentCategory, Priority>> = {
  criminal: 'P1',
  fire: 'P1',
  medical: 'P1',
  natural_disaster: 'P1',
  public_order: 'P2',
  traffic: 'P2',
  production_safety: 'P2',
  public_health: 'P2',
  dispute: 'P3',
  assistance: 'P3',
  other: 'P4',
};

export function suggestedPriority(category: IncidentCategory): Priority {
  return SUGGESTED_PRIORITY[category];
}

/** "Within a few hundred metres": a second call about the same fight usually places it one street off. */
export const DUPLICATE_RADIUS_M = 300;

/**
 * Open incidents of the same category near the caller's point, nearest first: the call is
 * probably about one of them, and the call-taker is offered to join it instead of opening another.
 */
export function possibleDuplicates(
  incidents: Iterable<Incident>,
  point: { lat: number; lon: number; category: IncidentCategory },
  radiusM = DUPLICATE_RADIUS_M,
): PossibleDuplicate[] {
  const found: PossibleDuplicate[] = [];
  for (const incident of incidents) {
    if (incident.category !== point.category || !isOpenIncident(incident.status)) continue;
    const d = distanceM(point.lat, point.lon, incident.lat, incident.lon);
    if (d <= radiusM) found.push({ incident, distanceM: Math.round(d) });
  }
  return found.sort((a, b) => a.distanceM - b.distanceM || (a.incident.id < b.incident.id ? -1 : 1));
}
