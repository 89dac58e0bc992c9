/**
 * The closed-loop figures managers are judged on, from plain counts. Cancelled
 * cases and false alarms are not "received" work: they count in neither the
 * numerator nor the denominator of the closure rate.
 */
export interface LoopCounts {
  received: number;
  closed: number;
  resolvedOrClosed: number;
  settledGrid: number;
  settledCommunity: number;
  settledStreet: number;
  settledDepartment: number;
  disputesResolved: number;
  disputesMediated: number;
}

export interface LoopRates {
  /** closed ÷ received */
  closureRate: number | null;
  /** share of settled cases per ladder level ("small matters stay in the grid") */
  settledShare: { grid: number; community: number; street: number; department: number } | null;
  /** mediated ÷ disputes resolved */
  mediationSuccessRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function loopRates(c: LoopCounts): LoopRates {
  const settled = c.settledGrid + c.settledCommunity + c.settledStreet + c.settledDepartment;
  return {
    closureRate: ratio(c.closed, c.received),
    settledShare:
      settled > 0
        ? {
            grid: c.settledGrid / settled,
            community: c.settledCommunity / settled,
            street: c.settledStreet / settled,
            department: c.settledDepartment / settled,
          }
        : null,
    mediationSuccessRate: ratio(c.disputesMediated, c.disputesResolved),
  };
}
