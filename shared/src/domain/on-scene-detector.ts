import { distanceM } from './point-in-ring.js';

export interface OnSceneRule {
  /** A fix within this distance of the incident counts as "there". */
  radiusM: number;
  /** This many consecutive such fixes: one fix inside could be a pass-by or a GPS jump. */
  fixes: number;
}

export const DEFAULT_ON_SCENE: OnSceneRule = { radiusM: 75, fixes: 3 };

/**
 * Counts consecutive fixes near an incident per assignment; says "arrived" once
 * the rule is met. Pure state in, state out, so the server keeps one map and the
 * tests feed synthetic tracks.
 */
export function nextOnSceneCount(
  count: number,
  fix: { lat: number; lon: number },
  incident: { lat: number; lon: number },
  rule: OnSceneRule = DEFAULT_ON_SCENE,
): { count: number; arrived: boolean } {
  const inside = distanceM(fix.lat, fix.lon, incident.lat, incident.lon) <= rule.radiusM;
  const next = inside ? count + 1 : 0;
  return { count: next, arrived: next >= rule.fixes };
}
