import type { CandidatesReply, Force, Incident, LadderLevel, Mode, Outcome } from '@lianfang/shared';
import { isOpenIncident } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiRequestError } from '../../../api/api-errors';
import { useIncidentsStore } from '../../incidents/incidents.store';
import { dispatchUnits, escalateIncident, fetchCandidates, fetchIncidentDetail, type CandidateFilter, type TimelineEntry } from '../../incidents/incidents.api';
import { resolveWithLevel } from '../../incidents/incident-loop.api';

/**
 * What the operator is doing in the open panel: picking units, confirming an escalation, choosing an
 * outcome then the level that settled it, cancelling with a reason, evaluating, blowing the whistle.
 */
export type DeskMode = 'dispatch' | 'confirm-escalate' | 'choose-outcome' | 'choose-level' | 'cancel' | 'evaluate' | 'whistle';
export type DeskAction = 'dispatch' | 'escalate' | 'resolve' | 'step' | 'cancel' | 'close' | 'whistle' | 'report-in' | 'task';

/** How many candidates the panel lists (digits 1–8 pick them). */
export const CANDIDATE_LIMIT = 8;

/**
 * The operator's desk on the wall: one open incident, its ETA-ranked
 * candidates and timeline, and the commands (dispatch, escalate, resolve).
 * The incident itself stays in the incidents store (live by socket); this
 * store holds only what REST brings and what the operator has picked.
 */
export const useIncidentDeskStore = defineStore('incidentDesk', () => {
  const incidents = useIncidentsStore();
  const openId = ref<string | null>(null);
  /** the queue entry the keyboard points at (↑/↓), opened by Enter */
  const highlightId = ref<string | null>(null);
  const candidates = shallowRef<CandidatesReply | null>(null);
  const timeline = shallowRef<TimelineEntry[]>([]);
  /** one of the incident's alerts came from a device whose clock is wrong (from the server's record: survives a reload) */
  const clockSkew = ref(false);
  const picked = ref<string[]>([]);
  /** the force and mode chips over the candidates (null: all); a new incident starts with none */
  const filter = ref<CandidateFilter>({ force: null, mode: null });
  const mode = ref<DeskMode>('dispatch');
  const busy = ref<DeskAction | null>(null);
  const loading = ref(false);
  /** the last command's result, shown in the panel (never only in a tooltip) */
  const message = ref<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** the outcome chosen, waiting for the settled level (the second key of a resolve) */
  const pendingOutcome = ref<Outcome | null>(null);
  /**
   * An incident the desk keeps after it left the live picture: just resolved (the evaluation comes
   * next), opened from the "to evaluate" list, or just closed/cancelled (the result stays readable).
   */
  const held = shallowRef<Incident | null>(null);
  let loadToken = 0;

  const incident = computed(() => {
    if (!openId.value) return null;
    return incidents.get(openId.value) ?? (held.value?.id === openId.value ? held.value : null);
  });

  async function load(id: string): Promise<void> {
    const token = ++loadToken;
    loading.value = true;
    const [detail, ranked] = await Promise.allSettled([fetchIncidentDetail(id), fetchCandidates(id, CANDIDATE_LIMIT, { ...filter.value })]);
    if (token !== loadToken) return;
    loading.value = false;
    timeline.value = detail.status === 'fulfilled' ? detail.value.timeline : [];
    clockSkew.value = detail.status === 'fulfilled' && detail.value.alerts.some((a) => a.clockSkew === true);
    candidates.value = ranked.status === 'fulfilled' ? ranked.value : null;
    if (detail.status === 'rejected') message.value = { kind: 'error', text: errorText(detail.reason) };
  }

  function open(id: string): void {
    highlightId.value = id;
    if (openId.value !== id) {
      openId.value = id;
      picked.value = [];
      mode.value = 'dispatch';
      message.value = null;
      candidates.value = null;
      filter.value = { force: null, mode: null };
      timeline.value = [];
      clockSkew.value = false;
      pendingOutcome.value = null;
      if (held.value?.id !== id) held.value = null;
    }
    void load(id);
  }

  /** Opens an incident that is no longer live (resolved, awaiting its evaluation). */
  function openHeld(resolved: Incident): void {
    held.value = resolved;
    open(resolved.id);
    held.value = resolved;
    if (resolved.status === 'resolved') mode.value = 'evaluate';
  }

  /** Keeps a command's answer when it took the incident out of the live picture. */
  function keep(answer: Incident): void {
    if (answer.id === openId.value && !isOpenIncident(answer.status)) held.value = answer;
  }

  function close(): void {
    loadToken += 1;
    openId.value = null;
    picked.value = [];
    mode.value = 'dispatch';
    message.value = null;
    pendingOutcome.value = null;
    held.value = null;
  }

  /** Re-reads timeline and candidates (after a command or when the incident changed on the socket). */
  function refresh(): void {
    if (openId.value) void load(openId.value);
  }

  /** A chip: choosing the one already chosen clears it (back to all). Re-ranks at once; picks of units no longer listed stay picked. */
  function setFilter(kind: 'force', value: Force | null): void;
  function setFilter(kind: 'mode', value: Mode | null): void;
  function setFilter(kind: 'force' | 'mode', value: Force | Mode | null): void {
    const next = { ...filter.value, [kind]: filter.value[kind] === value ? null : value } as CandidateFilter;
    filter.value = next;
    refresh();
  }

  function togglePick(unitId: string): void {
    picked.value = picked.value.includes(unitId) ? picked.value.filter((u) => u !== unitId) : [...picked.value, unitId];
  }

  /** Candidate n (1-based, as printed on the panel). */
  function pickByNumber(n: number): void {
    const c = candidates.value?.candidates[n - 1];
    if (c) togglePick(c.unitId);
  }

  /** Runs one command on the open incident: one at a time, its result printed in the panel. */
  async function run(action: DeskAction, call: (id: string) => Promise<unknown>, okText: string | ((answer: unknown) => string)): Promise<boolean> {
    const id = openId.value;
    if (!id || busy.value) return false;
    busy.value = action;
    try {
      const answer = await call(id);
      if (isIncident(answer)) keep(answer);
      message.value = { kind: 'ok', text: typeof okText === 'function' ? okText(answer) : okText };
      return true;
    } catch (err) {
      message.value = { kind: 'error', text: errorText(err) };
      return false;
    } finally {
      busy.value = null;
      mode.value = 'dispatch';
      refresh();
    }
  }

  async function dispatchPicked(okText: string): Promise<boolean> {
    const unitIds = [...picked.value];
    if (unitIds.length === 0) return false;
    const done = await run('dispatch', (id) => dispatchUnits(id, unitIds), okText);
    if (done) picked.value = [];
    return done;
  }

  const escalate = (reason: string, okText: string) => run('escalate', (id) => escalateIncident(id, reason), okText);
  /** Resolve takes two keys: the outcome, then the level that settled it (the second is the confirmation). */
  function chooseOutcome(outcome: Outcome): void {
    pendingOutcome.value = outcome;
    mode.value = 'choose-level';
  }
  async function resolve(settledLevel: LadderLevel, okText: string, note?: string): Promise<boolean> {
    const outcome = pendingOutcome.value;
    if (!outcome) return false;
    const done = await run('resolve', (id) => resolveWithLevel(id, { outcome, settledLevel, ...(note ? { note } : {}) }), okText);
    pendingOutcome.value = null;
    // The evaluation is the next step of the loop: offer it at once.
    if (done && held.value?.status === 'resolved') mode.value = 'evaluate';
    return done;
  }

  function setMode(next: DeskMode): void {
    mode.value = next;
    if (next === 'dispatch') pendingOutcome.value = null;
  }

  /** Moves the keyboard pointer through the queue in urgency order (wrapping). */
  function moveHighlight(delta: 1 | -1): void {
    const ids = incidents.byUrgency.map((i) => i.id);
    if (ids.length === 0) return void (highlightId.value = null);
    const at = highlightId.value ? ids.indexOf(highlightId.value) : -1;
    const next = at < 0 ? (delta > 0 ? 0 : ids.length - 1) : (at + delta + ids.length) % ids.length;
    highlightId.value = ids[next]!;
    // With the panel open, moving switches the panel to the next incident.
    if (openId.value) open(highlightId.value);
  }

  return {
    openId,
    highlightId,
    incident,
    candidates,
    timeline,
    clockSkew,
    picked,
    filter,
    setFilter,
    mode,
    busy,
    loading,
    message,
    open,
    close,
    refresh,
    togglePick,
    pickByNumber,
    dispatchPicked,
    escalate,
    chooseOutcome,
    resolve,
    pendingOutcome,
    held,
    openHeld,
    run,
    setMode,
    moveHighlight,
  };
});

function isIncident(value: unknown): value is Incident {
  return typeof value === 'object' && value !== null && 'id' in value && 'status' in value && 'assignments' in value;
}

/** The server's message names the field at fault (e.g. `409 status`); show it as it is. */
function errorText(err: unknown): string {
  if (err instanceof ApiRequestError) return err.field ? `${err.message} (${err.field})` : err.message;
  return err instanceof Error ? err.message : String(err);
}
