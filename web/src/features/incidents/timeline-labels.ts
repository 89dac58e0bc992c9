import type { TimelineEntry } from '@lianfang/shared';

/** The i18n functions the labels need (vue-i18n's `t` and `te`, or a test's). */
export interface LabelI18n {
  t: (key: string, named?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}
/** A unit's callsign by id, or undefined when the screen does not know it. */
export type UnitName = (unitId: string) => string | undefined;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What happened, in the screen's language. A kind no table knows says "other entry", never its key. */
export function timelineKindLabel(kind: string, { t, te }: LabelI18n): string {
  if (te(`eventLog.kind.${kind}`)) return t(`eventLog.kind.${kind}`);
  // A part of the app that adds a kind may label it in its own `timeline.*` table.
  if (te(`timeline.${kind}`)) return t(`timeline.${kind}`);
  return t('eventLog.kind.other');
}

/** A label from a table when the value is one of its keys; otherwise nothing (never the raw value). */
function fromTable(i18n: LabelI18n, table: string, value: unknown): string | null {
  const v = str(value);
  return v && i18n.te(`${table}.${v}`) ? i18n.t(`${table}.${v}`) : null;
}

// The server's own escalation reasons are fixed English sentences: they get labels; an operator's typed
// reason is shown as typed.
const SYSTEM_REASONS: Record<string, string> = {
  'call-in not reported': 'eventLog.reason.callInNotReported',
  'arrival target breached': 'eventLog.reason.arrivalBreached',
};

/**
 * The particulars of a line: which units (by callsign), which level it went to, which departments,
 * the outcome, the rating. Only known fields are printed, each through a label table; ids never.
 */
export function timelineDetails(entry: TimelineEntry, i18n: LabelI18n, unitName: UnitName): string[] {
  const { t } = i18n;
  const d = entry.data;
  const out: string[] = [];
  const unitIds = [str(d.unitId), ...strs(d.unitIds), str(d.replacementUnitId)].filter((u): u is string => !!u);
  const callsigns = unitIds.map((u) => unitName(u) ?? (u === d.unitId ? str(d.callsign) : null) ?? t('eventLog.unknownUnit'));
  if (callsigns.length > 0) out.push([...new Set(callsigns)].join('、'));
  const from = fromTable(i18n, 'level', d.from);
  const to = fromTable(i18n, 'level', d.to);
  if (from && to) out.push(t('eventLog.detail.levels', { from, to }));
  const reason = str(d.reason);
  if (reason) out.push(SYSTEM_REASONS[reason] ? t(SYSTEM_REASONS[reason]) : reason);
  const departments = [...strs(d.departments), ...(str(d.department) ? [str(d.department)!] : [])]
    .map((x) => fromTable(i18n, 'eventLog.department', x))
    .filter((x): x is string => !!x);
  if (departments.length > 0) out.push(departments.join('、'));
  if (typeof d.minutes === 'number') out.push(t('eventLog.detail.minutes', { n: d.minutes }));
  const outcome = fromTable(i18n, 'outcome', d.outcome);
  if (outcome) out.push(outcome);
  const settled = fromTable(i18n, 'level', d.settledLevel);
  if (settled && entry.kind === 'resolved') out.push(settled);
  if (typeof d.rating === 'number') out.push(t('eventLog.detail.rating', { n: d.rating }));
  const kind = fromTable(i18n, 'alertKind', d.kind);
  if (kind) out.push(kind);
  const source = fromTable(i18n, 'eventLog.source', d.source);
  if (source) out.push(source);
  if (typeof d.index === 'number') {
    const state = fromTable(i18n, 'eventLog.taskState', d.state) ?? '';
    out.push(t('eventLog.detail.task', { n: d.index + 1, state }));
  }
  out.push(...correctionDetails(entry, i18n));
  const note = str(d.note) ?? str(d.feedback);
  if (note) out.push(note);
  return out;
}

/** Local wall-clock time of an instant, HH:MM:SS. */
const clockTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
};

/** A report told later than it happened shows both times: the line's own time is when it was told. */
const TOLD_LATE_MS = 5_000;

/** The particulars of late reports: when it happened, what a correction changed, when a withdrawn breach was in fact met. */
function correctionDetails(entry: TimelineEntry, i18n: LabelI18n): string[] {
  const { t } = i18n;
  const d = entry.data;
  const out: string[] = [];
  const happened = str(d.at);
  if (happened && Math.abs(Date.parse(entry.at) - Date.parse(happened)) > TOLD_LATE_MS)
    out.push(t('eventLog.detail.happenedAt', { time: clockTime(happened) }));
  const milestone = fromTable(i18n, 'eventLog.detail.milestone', d.milestone);
  const from = str(d.from);
  const to = str(d.to);
  if (entry.kind === 'milestone_corrected' && milestone && from && to)
    out.push(t('eventLog.detail.corrected', { milestone, from: clockTime(from), to: clockTime(to) }));
  const which = fromTable(i18n, 'eventLog.detail.which', d.which);
  if (which) out.push(which);
  const metAt = str(d.metAt);
  if (metAt) out.push(t('eventLog.detail.metAt', { time: clockTime(metAt) }));
  const levelFrom = fromTable(i18n, 'level', d.levelFrom);
  const levelTo = fromTable(i18n, 'level', d.levelTo);
  if (levelFrom && levelTo) out.push(t('eventLog.detail.levels', { from: levelFrom, to: levelTo }));
  const acknowledgedAt = str(d.acknowledgedAt);
  if (acknowledgedAt && entry.kind === 'ack_timeout_withdrawn') out.push(t('eventLog.detail.acknowledgedAt', { time: clockTime(acknowledgedAt) }));
  return out;
}

/** The whole line as one string: "派遣 · 巡逻03、巡逻07". */
export function timelineText(entry: TimelineEntry, i18n: LabelI18n, unitName: UnitName): string {
  return [timelineKindLabel(entry.kind, i18n), ...timelineDetails(entry, i18n, unitName)].join(' · ');
}

/**
 * Who wrote the line, by name: the server sends `actorName` (a device's name and unit, a callsign,
 * a username); a unit the screen knows is named from the live store. An id is never printed.
 */
export function timelineActorLabel(entry: TimelineEntry, { t, te }: LabelI18n, unitName: UnitName): string {
  const at = entry.actor.indexOf(':');
  const kind = at < 0 ? entry.actor : entry.actor.slice(0, at);
  const ref = at < 0 ? '' : entry.actor.slice(at + 1);
  const name = entry.actorName ?? null;
  switch (kind) {
    case 'system':
      return t('eventLog.actor.system');
    // The demo city's simulated side: its operator, crews and departments, named as such.
    case 'demo':
      return te(`demoActor.${ref}`) ? t(`demoActor.${ref}`) : t('demoActor.other');
    case 'user':
      return t('eventLog.actor.user', { name: name ?? ref });
    case 'tracker':
      return t('eventLog.actor.tracker', { name: name ?? ref });
    case 'device':
      return name ? t('eventLog.actor.device', { name }) : t('eventLog.actor.unknownDevice');
    case 'unit': {
      const callsign = name ?? unitName(ref);
      return callsign ? t('eventLog.actor.unit', { name: callsign }) : t('eventLog.actor.unknownUnit');
    }
    default:
      return t('eventLog.actor.unknown');
  }
}
