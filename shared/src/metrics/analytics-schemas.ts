import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../schemas/common.js';

/**
 * Reply schemas of /api/analytics/*. Every table is `rows` of flat objects (numbers,
 * strings, null) so that `?format=csv` is exactly the same rows, columns in the
 * order declared here. Durations are seconds; shares are fractions 0..1 and are
 * always next to the counts they divide.
 */

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Seconds = (description: string) => Nullable(Type.Number({ description: `${description}, seconds; null without samples` }));
const Share = (description: string) => Nullable(Type.Number({ description: `${description}; null when the denominator is 0` }));
const Iso = Type.String({ description: 'ISO 8601 instant' });

/** One group of the response measures (or the total, key "all"). */
export const ResponseRowSchema = Type.Object({
  key: Type.String({
    description: 'the group: local day YYYY-MM-DD, week (its Monday), month YYYY-MM, P1…, category, grid/team id, force, day|night; "none" = no value',
  }),
  label: Type.String({ description: 'what to print: grid and team names, otherwise the key' }),
  received: Count('cases received: every incident except a cancellation (false alarms are received)'),
  excluded: Count('cancellations in the same group, left out of every measure'),
  dispatched: Count('received with a dispatch time: the samples of processing'),
  enRoute: Count("received with a first arrival whose unit's turnout is known: the samples of turnout"),
  responded: Count('received with a first arrival: the samples of travel and response'),
  processingP50: Seconds('median received (call answered, alert received) → first dispatch (NFPA 1225)'),
  processingP90: Seconds('90th percentile received → first dispatch'),
  turnoutP50: Seconds('median turnout of the first-arriving unit: its dispatch → its en route (NFPA 1710)'),
  turnoutP90: Seconds('90th percentile turnout of the first-arriving unit'),
  travelP50: Seconds('median travel of the first-arriving unit: its en route → its arrival (NFPA 1710)'),
  travelP90: Seconds('90th percentile travel of the first-arriving unit'),
  responseP50: Seconds('median total response: received → first arrival'),
  responseP90: Seconds('90th percentile total response'),
  withinFive: Count('arrivals within 5 minutes of receipt (≤ 300 s): the promise to residents'),
  withinFiveShare: Share('withinFive ÷ responded'),
  withinTarget: Count("arrivals no later than the priority's target (P1/P2 300 s, P3 900 s, P4 1800 s)"),
  withinTargetShare: Share('withinTarget ÷ responded'),
});

/** Definitions in shared loop-stats.ts and docs/analytics.md ("Definitions"). */
export const ClosureRowSchema = Type.Object({
  key: ResponseRowSchema.properties.key,
  label: ResponseRowSchema.properties.label,
  received: Count('cases received: every incident except a cancellation (false alarms are received)'),
  concluded: Count('concluded (办结): resolved, evaluated, or stood down as a false alarm'),
  closureRate: Share('办结率: concluded ÷ received'),
  open: Count('received and not concluded yet'),
  openShare: Share('open ÷ received'),
  resolved: Count('resolved or evaluated (handled to a resolution by a unit)'),
  evaluated: Count('closed with a rating (评价)'),
  evaluatedShare: Share('evaluated ÷ resolved'),
  rated: Count('closed with a rating'),
  ratingMean: Nullable(Type.Number({ description: 'mean rating 1–5; null when none' })),
  falseAlarms: Count('outcome false alarm, whether resolved as one or stood down as one'),
  falseAlarmShare: Share('falseAlarms ÷ received'),
  resolveP50: Seconds('median received → resolved, of the resolved'),
  closeP50: Seconds('median received → evaluated, of the evaluated'),
  settledGrid: Count('settled at the grid'),
  settledCommunity: Count('settled at the community'),
  settledStreet: Count('settled at the street office'),
  settledDepartment: Count('settled by the departments'),
  settledGridShare: Share('settledGrid ÷ all settled'),
  settledCommunityShare: Share('settledCommunity ÷ all settled'),
  settledStreetShare: Share('settledStreet ÷ all settled'),
  settledDepartmentShare: Share('settledDepartment ÷ all settled'),
  disputesReceived: Count('disputes received'),
  disputesConcluded: Count('disputes concluded'),
  disputesMediated: Count('disputes with outcome mediated'),
  mediationSuccessRate: Share('调解成功率: disputesMediated ÷ disputesReceived'),
});

export const CategoryChangeRowSchema = Type.Object({
  category: Type.String({ description: 'incident category, or "all" for the total row' }),
  current: Count('received in [from, to)'),
  previous: Count('received in the preceding period of the same length'),
  change: Type.Integer({ description: 'current − previous' }),
  changeShare: Share('(current − previous) ÷ previous'),
});

export const CoverageRowSchema = Type.Object({
  bucket: Type.String({ description: 'local hour "YYYY-MM-DD HH:00" or day "YYYY-MM-DD"' }),
  samples: Count('coverage samples in the bucket (about one a minute while units report)'),
  within5Mean: Nullable(Type.Number({ description: 'mean share of the area reachable within 5 minutes' })),
  within15Mean: Nullable(Type.Number({ description: 'mean share reachable within 15 minutes' })),
  within5Min: Nullable(Type.Number({ description: 'lowest 5-minute share in the bucket' })),
  within15Min: Nullable(Type.Number({ description: 'lowest 15-minute share in the bucket' })),
});

export const KeyAreaComplianceRowSchema = Type.Object({
  keyAreaId: Type.String(),
  name: Type.String(),
  everyMinutes: Type.Integer(),
  from: Type.String({ description: 'local HH:MM the watch starts' }),
  to: Type.String({ description: 'local HH:MM the watch ends' }),
  slotsRequired: Count('watch slots of everyMinutes that ended inside the window (and after the area was created)'),
  slotsVisited: Count('of those, slots with at least one accepted fix inside the area'),
  compliance: Share('slotsVisited ÷ slotsRequired'),
});

export const UnitActivityRowSchema = Type.Object({
  key: Type.String({ description: 'unit id, team id or force ("none" = units without a team)' }),
  label: Type.String({ description: 'callsign, team name or force' }),
  force: Nullable(Type.String({ description: 'the unit\'s or team\'s force; null for the "none" team row' })),
  teamId: Nullable(Type.String()),
  units: Count('units in the row'),
  assignments: Count('times sent (incidents received in the window)'),
  arrived: Count('assignments that reached the scene: incidents handled'),
  firstOnScene: Count("arrivals that were the incident's first"),
  declined: Count('assignments declined'),
  ackTimeouts: Count('assignments not acknowledged in time'),
  dispatchedSeconds: Type.Number({ description: 'time sent but not yet acknowledged, finished spells only' }),
  acknowledgedSeconds: Type.Number({ description: 'time acknowledged but not yet en route' }),
  enRouteSeconds: Type.Number({ description: 'time travelling (en route, or from acknowledgement when arriving without reporting en route)' }),
  onSceneSeconds: Type.Number({ description: 'time on scene until cleared' }),
});

export const HeatmapCellSchema = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday, local time' }),
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'local hour' }),
  count: Count('incidents received'),
});

export const DrilldownRowSchema = Type.Object({
  id: Type.String(),
  createdAt: Iso,
  receivedAt: Type.String({ description: 'ISO 8601 instant the call was answered or the alert received: every phase starts here' }),
  category: Type.String(),
  priority: Type.String(),
  status: Type.String(),
  gridId: Nullable(Type.String()),
  gridName: Nullable(Type.String()),
  locationZh: Nullable(Type.String({ description: 'where it was, in Chinese: street, crossing or place, grid (reverse geocoded at creation)' })),
  locationEn: Nullable(Type.String({ description: 'the same in English' })),
  leadUnitId: Nullable(Type.String({ description: 'first unit on scene, else first dispatched' })),
  leadCallsign: Nullable(Type.String()),
  force: Nullable(Type.String()),
  teamId: Nullable(Type.String()),
  processing: Seconds('received → first dispatch'),
  turnout: Seconds("the first-arriving unit's dispatch → its en route"),
  travel: Seconds("the first-arriving unit's en route → its arrival"),
  response: Seconds('received → first arrival'),
  targetSeconds: Type.Integer({ description: 'the arrival target of its priority' }),
  withinFive: Nullable(Type.Boolean({ description: 'arrived within 5 minutes of receipt; null until someone arrived' })),
  withinTarget: Nullable(Type.Boolean({ description: 'null until someone arrived' })),
});

/** One bar of the response-time distribution: arrivals with response in [fromSeconds, toSeconds). */
export const ResponseHistogramBinSchema = Type.Object({
  bin: Type.Integer({ minimum: 0, description: 'bar number: response ÷ HISTOGRAM_BIN_SECONDS, the last bar holds all longer ones' }),
  fromSeconds: Type.Integer({ minimum: 0, description: 'lowest response in the bar (inclusive)' }),
  toSeconds: Nullable(Type.Integer({ description: 'end of the bar (exclusive); null for the open last bar' })),
  responded: Count('received incidents whose first arrival falls in the bar'),
  withinTarget: Count("of those, arrivals within their priority's target"),
});

export const TrackPointSchema = Type.Object({
  unitId: Type.String(),
  at: Iso,
  lat: Type.Number(),
  lon: Type.Number(),
  speedKmh: Nullable(Type.Number()),
  heading: Nullable(Type.Number()),
  accuracyM: Nullable(Type.Number()),
});

/** The envelope of every table: the window, what was not applied, the rows (and a total where it adds up). */
const Envelope = <R extends TObject, E extends Record<string, TSchema>>(row: R, extra: E) =>
  Type.Object({
    from: Iso,
    to: Iso,
    timeZone: Type.String({ description: 'the zone of every local bucket (TIME_ZONE)' }),
    notApplied: Type.Array(Type.String(), { description: 'filters accepted but meaningless for this table (e.g. category for coverage)' }),
    rows: Type.Array(row),
    ...extra,
  });

export const ResponseReplySchema = Envelope(ResponseRowSchema, { groupBy: Type.String(), total: ResponseRowSchema });
export const ClosureReplySchema = Envelope(ClosureRowSchema, { groupBy: Type.String(), total: ClosureRowSchema });
export const CategoryChangeReplySchema = Envelope(CategoryChangeRowSchema, { previousFrom: Iso, previousTo: Iso, total: CategoryChangeRowSchema });
export const CoverageReplySchema = Envelope(CoverageRowSchema, { interval: Type.String() });
export const KeyAreaComplianceReplySchema = Envelope(KeyAreaComplianceRowSchema, {});
export const UnitActivityReplySchema = Envelope(UnitActivityRowSchema, { per: Type.String() });
export const HeatmapReplySchema = Envelope(HeatmapCellSchema, {});
export const DrilldownReplySchema = Envelope(DrilldownRowSchema, {
  total: Count('incidents behind the bar (all pages)'),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export const ResponseHistogramReplySchema = Envelope(ResponseHistogramBinSchema, {
  binSeconds: Type.Integer(),
  responded: Count('all arrivals in the window (the sum of the bars)'),
});
export const TracksReplySchema = Envelope(TrackPointSchema, { points: Count('rows returned'), cap: Type.Integer() });

export type ResponseRow = Static<typeof ResponseRowSchema>;
export type ClosureRow = Static<typeof ClosureRowSchema>;
export type CategoryChangeRow = Static<typeof CategoryChangeRowSchema>;
export type CoverageRow = Static<typeof CoverageRowSchema>;
export type KeyAreaComplianceRow = Static<typeof KeyAreaComplianceRowSchema>;
export type UnitActivityRow = Static<typeof UnitActivityRowSchema>;
export type HeatmapCell = Static<typeof HeatmapCellSchema>;
export type DrilldownRow = Static<typeof DrilldownRowSchema>;
export type ResponseHistogramBin = Static<typeof ResponseHistogramBinSchema>;
export type ResponseHistogramReply = Static<typeof ResponseHistogramReplySchema>;
export type TrackPoint = Static<typeof TrackPointSchema>;
export type ResponseReply = Static<typeof ResponseReplySchema>;
export type ClosureReply = Static<typeof ClosureReplySchema>;
export type CategoryChangeReply = Static<typeof CategoryChangeReplySchema>;
export type CoverageReply = Static<typeof CoverageReplySchema>;
export type KeyAreaComplianceReply = Static<typeof KeyAreaComplianceReplySchema>;
export type UnitActivityReply = Static<typeof UnitActivityReplySchema>;
export type HeatmapReply = Static<typeof HeatmapReplySchema>;
export type DrilldownReply = Static<typeof DrilldownReplySchema>;
export type TracksReply = Static<typeof TracksReplySchema>;
