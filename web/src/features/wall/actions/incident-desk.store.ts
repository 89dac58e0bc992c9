import type { CandidatesReply, Force, Mode, Outcome } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiRequestError } from '../../../api/api-errors';
import { useIncidentsStore } from '../../incidents/incidents.store';
import {
  dispatchUnits,
  escalateIncident,
  fetchCandidates,
  fetchIncidentDetail,
  resolveIncident,
  type CandidateFilter,
  type TimelineEntry,
} from '../../incidents/incidents.api';

/** What the operator is doing in the open panel: picking units, confirming an escalation, choosing an outcome. */
export type DeskMode = 'dispatch' | 'confirm-escalate' | 'choose-outcome';
export type DeskAction = 'dispatch' | 'escalate' | 'resolve';

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
  let loadToken = 0;

  const incident = computed(() => (openId.value ? (incidents.get(openId.value) ?? null) : null));

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
    }
    void load(id);
  }

  function close(): void {
    loadToken += 1;
    openId.value = null;
    picked.value = [];
    mode.value = 'dispatch';
    message.value = null;
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

  async function run(action: DeskAction, call: (id: string) => Promise<unknown>, okText: string): Promise<boolean> {
    const id = openId.value;
    if (!id || busy.value) return false;
    busy.value = action;
    try {
      await call(id);
      message.value = { kind: 'ok', text: okText };
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
  const resolve = (outcome: Outcome, okText: string) => run('resolve', (id) => resolveIncident(id, outcome), okText);

  function setMode(next: DeskMode): void {
    mode.value = next;
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
    resolve,
    setMode,
    moveHighlight,
  };
});

/** The server's message names the field at fault (e.g. `409 status`); show it as it is. */
function errorText(err: unknown): string {
  if (err instanceof ApiRequestError) return err.field ? `${err.message} (${err.field})` : err.message;
  return err instanceof Error ? err.message : String(err);
}
