/**
 * The history import as a spreadsheet (docs/analytics.md, "History import"): one row per unit
 * sent to a case, the case's own columns repeated on each of its rows (a case no unit was sent
 * to has one row with the unit columns empty). A row may also carry one escalation. Headers in
 * English (the JSON field names) or in Chinese, as a district's spreadsheet would have them.
 */

/** The case's columns: the same on every row of a case. */
export const HISTORY_CASE_COLUMNS = [
  'externalId',
  'category',
  'priority',
  'source',
  'title',
  'description',
  'address',
  'lat',
  'lon',
  'receivedAt',
  'createdAt',
  'resolvedAt',
  'outcome',
  'settledLevel',
  'resolutionNote',
  'evaluatedAt',
  'rating',
  'feedback',
  'cancelledAt',
  'cancelledAs',
] as const;

/** One unit sent to the case, per row. */
export const HISTORY_UNIT_COLUMNS = [
  'callsign',
  'dispatchedAt',
  'acknowledgedAt',
  'enRouteAt',
  'onSceneAt',
  'clearedAt',
  'declinedAt',
  'declineReason',
] as const;

/** At most one escalation per row (a case with two escalations uses two rows). */
export const HISTORY_ESCALATION_COLUMNS = ['escalatedAt', 'escalatedTo', 'escalationReason'] as const;

export type HistoryCsvColumn = (typeof HISTORY_CASE_COLUMNS)[number] | (typeof HISTORY_UNIT_COLUMNS)[number] | (typeof HISTORY_ESCALATION_COLUMNS)[number];

export const HISTORY_CSV_COLUMNS: readonly HistoryCsvColumn[] = [...HISTORY_CASE_COLUMNS, ...HISTORY_UNIT_COLUMNS, ...HISTORY_ESCALATION_COLUMNS];

/** Columns a file must have. */
export const HISTORY_CSV_REQUIRED: readonly HistoryCsvColumn[] = ['externalId', 'category', 'priority', 'lat', 'lon', 'receivedAt'];

/** Times: ISO 8601 with an offset, or wall-clock text (2024-03-04 10:05:00, 2024/3/4 10:05) in the district's TIME_ZONE. */
export const HISTORY_CSV_TIME_COLUMNS: ReadonlySet<HistoryCsvColumn> = new Set([
  'receivedAt',
  'createdAt',
  'resolvedAt',
  'evaluatedAt',
  'cancelledAt',
  'dispatchedAt',
  'acknowledgedAt',
  'enRouteAt',
  'onSceneAt',
  'clearedAt',
  'declinedAt',
  'escalatedAt',
]);

export const HISTORY_CSV_NUMBER_COLUMNS: ReadonlySet<HistoryCsvColumn> = new Set(['lat', 'lon', 'rating']);

/** The Chinese header of each column (the template's second form; either is read). */
export const HISTORY_CSV_CHINESE_HEADERS: Readonly<Record<HistoryCsvColumn, string>> = {
  externalId: '案件编号',
  category: '类别',
  priority: '级别',
  source: '来源',
  title: '标题',
  description: '描述',
  address: '地址',
  lat: '纬度',
  lon: '经度',
  receivedAt: '接警时间',
  createdAt: '立案时间',
  resolvedAt: '处置完毕时间',
  outcome: '处置结果',
  settledLevel: '办结层级',
  resolutionNote: '处置说明',
  evaluatedAt: '评价时间',
  rating: '评分',
  feedback: '评价意见',
  cancelledAt: '撤销时间',
  cancelledAs: '撤销类型',
  callsign: '呼号',
  dispatchedAt: '派警时间',
  acknowledgedAt: '接单时间',
  enRouteAt: '出发时间',
  onSceneAt: '到场时间',
  clearedAt: '收队时间',
  declinedAt: '拒单时间',
  declineReason: '拒单原因',
  escalatedAt: '上报时间',
  escalatedTo: '上报至',
  escalationReason: '上报原因',
};

/** A header cell → its column (English names case-insensitively, Chinese exactly), or null. */
export function historyCsvColumnOf(header: string): HistoryCsvColumn | null {
  const h = header.trim();
  const lower = h.toLowerCase();
  for (const c of HISTORY_CSV_COLUMNS) if (c.toLowerCase() === lower || HISTORY_CSV_CHINESE_HEADERS[c] === h) return c;
  return null;
}
