/**
 * The closed-loop figures managers are judged on, from plain counts, with one
 * meaning each (docs/analytics.md, "Definitions"):
 * - received: every case except a cancellation (withdrawn, a duplicate, entered in
 *   error). A false alarm is a received case: someone had to check it.
 * - concluded (办结): resolved, evaluated, or stood down as a false alarm.
 * - 办结率 (closureRate) = concluded ÷ received, as the districts report it; the cases
 *   still open in the window are shown beside it (openShare), since a recent window
 *   looks worse only because its cases are still being handled.
 * - evaluatedShare = evaluated ÷ resolved: every resolved case awaits an evaluation; a
 *   false alarm stood down without a resolution is not evaluated.
 * - false alarm: outcome false_alarm, however the case ended (resolved as one or stood down as one).
 * - mediationSuccessRate (调解成功率) = disputes mediated ÷ disputes received.
 */
export interface LoopCounts {
  received: number;
  concluded: number;
  /** resolved or evaluated: the cases a unit handled to a resolution */
  resolved: number;
  /** closed with the resident's or supervisor's rating */
  evaluated: number;
  falseAlarms: number;
  settledGrid: number;
  settledCommunity: number;
  settledStreet: number;
  settledDepartment: number;
  disputesReceived: number;
  disputesConcluded: number;
  disputesMediated: number;
}

export interface LoopRates {
  /** 办结率: concluded ÷ received */
  closureRate: number | null;
  /** still open ÷ received */
  openShare: number | null;
  /** evaluated ÷ resolved */
  evaluatedShare: number | null;
  /** false alarms ÷ received */
  falseAlarmShare: number | null;
  /** share of settled cases per ladder level ("small matters stay in the grid") */
  settledShare: { grid: number; community: number; street: number; department: number } | null;
  /** 调解成功率: disputes mediated ÷ disputes received */
  mediationSuccessRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function loopRates(c: LoopCounts): LoopRates {
  const settled = c.settledGrid + c.settledCommunity + c.settledStreet + c.settledDepartment;
  return {
    closureRate: ratio(c.concluded, c.received),
    openShare: ratio(c.received - c.concluded, c.received),
    evaluatedShare: ratio(c.evaluated, c.resolved),
    falseAlarmShare: ratio(c.falseAlarms, c.received),
    settledShare:
      settled > 0
        ? {
            grid: c.settledGrid / settled,
            community: c.settledCommunity / settled,
            street: c.settledStreet / settled,
            department: c.settledDepartment / settled,
          }
        : null,
    mediationSuccessRate: ratio(c.disputesMediated, c.disputesReceived),
  };
}
