import type { ClosureRow, HeatmapCell, ResponseHistogramBin, ResponseRow } from '@lianfang/shared';

/** Rows shaped as the server sends them (schema types), with figures chosen to be told apart. */
export function responseRow(key: string, over: Partial<ResponseRow> = {}): ResponseRow {
  return {
    key,
    label: key,
    received: 10,
    excluded: 1,
    dispatched: 9,
    enRoute: 8,
    responded: 8,
    processingP50: 30,
    processingP90: 60,
    turnoutP50: 20,
    turnoutP90: 40,
    travelP50: 200,
    travelP90: 400,
    responseP50: 270,
    responseP90: 510,
    withinFive: 5,
    withinFiveShare: 0.625,
    withinTarget: 6,
    withinTargetShare: 0.75,
    ...over,
  };
}

export function closureRow(key: string, over: Partial<ClosureRow> = {}): ClosureRow {
  return {
    key,
    label: key,
    received: 10,
    concluded: 8,
    closureRate: 0.8,
    open: 2,
    openShare: 0.2,
    resolved: 7,
    evaluated: 4,
    evaluatedShare: 4 / 7,
    rated: 4,
    ratingMean: 3.5,
    falseAlarms: 1,
    falseAlarmShare: 0.1,
    resolveP50: 3000,
    closeP50: 3800,
    settledGrid: 4,
    settledCommunity: 2,
    settledStreet: 1,
    settledDepartment: 0,
    settledGridShare: 4 / 7,
    settledCommunityShare: 2 / 7,
    settledStreetShare: 1 / 7,
    settledDepartmentShare: 0,
    disputesReceived: 3,
    disputesConcluded: 2,
    disputesMediated: 1,
    mediationSuccessRate: 1 / 3,
    ...over,
  };
}

export function histogramRows(counts: Record<number, [number, number]>): ResponseHistogramBin[] {
  return Array.from({ length: 31 }, (_, bin) => ({
    bin,
    fromSeconds: bin * 60,
    toSeconds: bin === 30 ? null : (bin + 1) * 60,
    responded: counts[bin]?.[0] ?? 0,
    withinTarget: counts[bin]?.[1] ?? 0,
  }));
}

export function heatmapCells(counts: Record<string, number>): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, count: counts[`${weekday}-${hour}`] ?? 0 });
  return cells;
}

export const envelope = { from: '2024-03-03T16:00:00.000Z', to: '2024-03-07T16:00:00.000Z', timeZone: 'Asia/Shanghai', notApplied: [] as string[] };
