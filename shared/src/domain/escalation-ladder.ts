import type { CallIn, IncidentCategory } from '../schemas/incident.js';
import { DEPARTMENT_VALUES } from '../schemas/incident.js';

/**
 * 网格 → 社区 → 街道 → 部门: small matters settle in the grid; what the grid
 * cannot settle goes up. The street office can "blow the whistle" and summon
 * departments, which must report in.
 */
export const LADDER_LEVELS = ['grid', 'community', 'street', 'department'] as const;
export type LadderLevel = (typeof LADDER_LEVELS)[number];

export function nextLevel(level: LadderLevel): LadderLevel | null {
  const i = LADDER_LEVELS.indexOf(level);
  return i >= 0 && i < LADDER_LEVELS.length - 1 ? LADDER_LEVELS[i + 1]! : null;
}

export function isAbove(a: LadderLevel, b: LadderLevel): boolean {
  return LADDER_LEVELS.indexOf(a) > LADDER_LEVELS.indexOf(b);
}

/** Categories that start higher than the grid because a grid cannot handle them alone. */
export const CATEGORY_START_LEVEL: Partial<Record<IncidentCategory, LadderLevel>> = {
  fire: 'street',
  natural_disaster: 'street',
  public_health: 'street',
  production_safety: 'street',
  criminal: 'community',
};

export function startLevel(category: IncidentCategory): LadderLevel {
  return CATEGORY_START_LEVEL[category] ?? 'grid';
}

export const DEPARTMENTS = DEPARTMENT_VALUES;
export type Department = (typeof DEPARTMENTS)[number];

type CallInClock = Pick<CallIn, 'reportedAt' | 'deadline'>;

/** A summoned department that has not reported in by its deadline: overdue (red on the wall) until it does. */
export function overdueCallIns<C extends CallInClock>(callIns: readonly C[], nowMs: number): C[] {
  return callIns.filter((c) => c.reportedAt === null && Date.parse(c.deadline) < nowMs);
}

/**
 * The overdue call-ins that have not lifted the case yet. Each escalates once (the wall keeps it red
 * and says when it escalated); repeating the escalation every minute would only flood the timeline.
 */
export function callInsToEscalate<C extends CallInClock & Pick<CallIn, 'escalatedAt'>>(callIns: readonly C[], nowMs: number): C[] {
  return overdueCallIns(callIns, nowMs).filter((c) => c.escalatedAt === null);
}
