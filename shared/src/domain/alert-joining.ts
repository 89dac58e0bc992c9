import type { AlertKind } from '../schemas/alert.js';
import { distanceM } from './point-in-ring.js';

/**
 * Which incidents a press may join, by the kind of the press that opened the incident.
 * Presses about a threat to a person (SOS, panic, crime, backup) are one family: a guard
 * pressing panic and then SOS is one emergency. Fire, medical and traffic each stand alone:
 * a medical press never joins a panic incident (it needs another force, and joining would
 * hide it under a P1 of the wrong kind). An unspecified press (radio, other) adds nothing of
 * its own, so it may join any kind; a specific press never joins an unspecified incident
 * (a fire press must open a P1 fire, not sit under a P3 "other").
 */
const THREAT: readonly AlertKind[] = ['sos', 'panic', 'crime', 'backup'];
export const JOINABLE_KINDS: Readonly<Record<AlertKind, readonly AlertKind[]>> = {
  sos: THREAT,
  panic: THREAT,
  crime: THREAT,
  backup: THREAT,
  fire: ['fire'],
  medical: ['medical'],
  traffic: ['traffic'],
  radio: ['sos', 'panic', 'radio', 'fire', 'medical', 'crime', 'traffic', 'backup', 'other'],
  other: ['sos', 'panic', 'radio', 'fire', 'medical', 'crime', 'traffic', 'backup', 'other'],
};

/** May a press of `pressKind` join an incident that a press of `openingKind` opened? */
export function kindsCompatible(pressKind: AlertKind, openingKind: AlertKind): boolean {
  return JOINABLE_KINDS[pressKind].includes(openingKind);
}

/** The default join distance: a few hundred metres, a block or two (ALERT_JOIN_DISTANCE_M overrides it). */
export const DEFAULT_JOIN_DISTANCE_M = 300;

export interface JoinRule {
  /** A press joins only if the same device (or unit) pressed on that incident within this many seconds. */
  windowSeconds: number;
  /** …and no farther than this from the incident or from that device's last press on it. */
  distanceM: number;
}

export interface PointAt {
  lat: number;
  lon: number;
}

/** One open incident this device (or unit) has pressed on, as the join rule needs it. */
export interface JoinCandidate {
  incidentId: string;
  /** the kind of the press that opened it (its first alert) */
  openingKind: AlertKind;
  /** where the incident is */
  point: PointAt;
  createdAtMs: number;
  /** this device's (or unit's) last press on it: when and where */
  lastPressAtMs: number;
  lastPressPoint: PointAt | null;
}

export interface Press {
  kind: AlertKind;
  point: PointAt;
  atMs: number;
}

/** Why a candidate is not joined (tests and logs say which rule held it apart). */
export type JoinVerdict = 'join' | 'window' | 'kind' | 'distance';

/**
 * The join rule for one candidate. The window runs from this device's last press on the
 * incident, not from the incident's last change (a dispatch or a note must not keep a
 * device's later, unrelated call attached). The distance is measured to the incident and to
 * that last press, whichever is nearer, so a guard pressing while running down the street
 * stays on one incident, while a gateway serving guards across a district does not merge them.
 */
export function joinVerdict(candidate: JoinCandidate, press: Press, rule: JoinRule): JoinVerdict {
  if (press.atMs - candidate.lastPressAtMs > rule.windowSeconds * 1000) return 'window';
  if (!kindsCompatible(press.kind, candidate.openingKind)) return 'kind';
  const toIncident = distanceM(press.point.lat, press.point.lon, candidate.point.lat, candidate.point.lon);
  const toLast = candidate.lastPressPoint ? distanceM(press.point.lat, press.point.lon, candidate.lastPressPoint.lat, candidate.lastPressPoint.lon) : Infinity;
  if (Math.min(toIncident, toLast) > rule.distanceM) return 'distance';
  return 'join';
}

/** The incident a press joins: among those that pass the rule, the newest; null opens a new one. */
export function pickJoinable(candidates: Iterable<JoinCandidate>, press: Press, rule: JoinRule): JoinCandidate | null {
  let best: JoinCandidate | null = null;
  for (const c of candidates) {
    if (joinVerdict(c, press, rule) !== 'join') continue;
    if (!best || c.createdAtMs > best.createdAtMs) best = c;
  }
  return best;
}
