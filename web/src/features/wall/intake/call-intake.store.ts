import type { Candidate, CandidatesReply, CreateIncident, Incident, IncidentCategory, Priority } from '@lianfang/shared';
import { possibleDuplicates, suggestedPriority } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import { ApiRequestError } from '../../../api/api-errors';
import { dispatchUnits } from '../../incidents/incidents.api';
import { useIncidentsStore } from '../../incidents/incidents.store';
import { useIncidentDeskStore } from '../actions/incident-desk.store';
import { createIncident, fetchCandidatesAt, joinCall } from './intake.api';

/** How many ETA candidates the form lists while the call is taken. */
export const INTAKE_CANDIDATES = 5;
/** Typed coordinates: ask for candidates once the typing pauses this long. */
const TYPING_PAUSE_MS = 250;

export type IntakeBusy = 'create' | 'dispatch' | 'join';
/** where the call's point came from: a map click or menu, typed coordinates, or a place found by name */
export type PointSource = 'map' | 'typed' | 'search';
type Point = { lat: number; lon: number };

/** The result of the last command, shown on the wall (never only in a tooltip). */
export interface IntakeOutcome {
  kind: 'created' | 'dispatched' | 'joined' | 'error';
  incidentId: string | null;
  title: string;
  callsign: string | null;
  /** field the server named, to put the cursor back there */
  field: string | null;
}

/**
 * Taking a call at the wall: the form's fields, the moment the call was received (the form opened:
 * where processing time starts, NFPA 1225), the point with its ETA candidates, and possible
 * duplicates from the live incidents. Creating hands the new incident to the desk.
 */
export const useCallIntakeStore = defineStore('callIntake', () => {
  const incidents = useIncidentsStore();
  const desk = useIncidentDeskStore();

  const isOpen = ref(false);
  const receivedAt = ref<string | null>(null);
  const fields = reactive({ callerName: '', callbackNumber: '', address: '', description: '' });
  const category = ref<IncidentCategory | null>(null);
  const priority = ref<Priority | null>(null);
  /** the operator chose the priority: a later category change no longer overrides it */
  const priorityChosen = ref(false);
  const point = ref<Point | null>(null);
  const pointSource = ref<PointSource | null>(null);
  const candidates = shallowRef<CandidatesReply | null>(null);
  const candidatesLoading = ref(false);
  const busy = ref<IntakeBusy | null>(null);
  const outcome = shallowRef<IntakeOutcome | null>(null);
  /** bumps on every open: the form focuses its first field again */
  const openCount = ref(0);
  let candidateToken = 0;
  let candidateAbort: AbortController | null = null;
  /** the candidates being fetched for the current point: Ctrl+Enter waits for them rather than sending nobody */
  let pendingCandidates: Promise<void> = Promise.resolve();

  const duplicates = computed(() => (point.value && category.value ? possibleDuplicates(incidents.list, { ...point.value, category: category.value }) : []));
  const available = computed<Candidate[]>(() => candidates.value?.candidates.filter((c) => c.available) ?? []);
  const topCandidate = computed(() => available.value[0] ?? null);

  function reset(): void {
    Object.assign(fields, { callerName: '', callbackNumber: '', address: '', description: '' });
    category.value = null;
    priority.value = null;
    priorityChosen.value = false;
    point.value = null;
    pointSource.value = null;
    candidates.value = null;
    candidatesLoading.value = false;
    dropCandidateRequest();
  }

  /** A pending candidate request is for a form that is gone: its answer must not land. */
  function dropCandidateRequest(): void {
    candidateToken += 1;
    candidateAbort?.abort();
  }

  /** Opens the form (the call is received now); with a point (right-click "here"), the location is set. */
  function open(at?: Point, nowMs = Date.now()): void {
    if (!isOpen.value) {
      reset();
      receivedAt.value = new Date(nowMs).toISOString();
      isOpen.value = true;
      outcome.value = null;
      // The map is where the location is set: the desk panel steps aside.
      desk.close();
    }
    openCount.value += 1;
    if (at) setPoint(at, 'map');
  }

  function close(): void {
    isOpen.value = false;
    receivedAt.value = null;
    dropCandidateRequest();
  }

  function setCategory(next: IncidentCategory): void {
    category.value = next;
    if (!priorityChosen.value) priority.value = suggestedPriority(next);
    // What the case needs changes who fits it: rank the units again for the new category.
    if (point.value) pendingCandidates = loadCandidates(0);
  }

  function setPriority(next: Priority): void {
    priority.value = next;
    priorityChosen.value = true;
  }

  function setPoint(next: Point | null, source: PointSource): void {
    point.value = next;
    pointSource.value = next ? source : null;
    // Typed coordinates change on every key: ask once the typing pauses. A map point is final.
    pendingCandidates = loadCandidates(source === 'typed' ? TYPING_PAUSE_MS : 0);
  }

  async function loadCandidates(delayMs: number): Promise<void> {
    const token = ++candidateToken;
    candidateAbort?.abort();
    const at = point.value;
    if (!at) {
      candidates.value = null;
      candidatesLoading.value = false;
      return;
    }
    candidatesLoading.value = true;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (token !== candidateToken) return;
    candidateAbort = new AbortController();
    try {
      const reply = await fetchCandidatesAt(at, category.value, INTAKE_CANDIDATES, candidateAbort.signal);
      if (token === candidateToken) candidates.value = reply;
    } catch {
      if (token === candidateToken) candidates.value = null;
    } finally {
      if (token === candidateToken) candidatesLoading.value = false;
    }
  }

  /** The body as the server takes it: empty fields left out (they are optional, never empty strings). */
  function body(title: string): CreateIncident | null {
    if (!category.value || !priority.value || !point.value) return null;
    const text = (v: string) => (v.trim() ? v.trim() : undefined);
    const optional = {
      callerName: text(fields.callerName),
      callbackNumber: text(fields.callbackNumber),
      address: text(fields.address),
      description: text(fields.description),
    };
    return {
      category: category.value,
      priority: priority.value,
      title: title.slice(0, 200),
      ...point.value,
      source: 'call',
      ...(receivedAt.value ? { callReceivedAt: receivedAt.value } : {}),
      ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<CreateIncident>),
    };
  }

  /** Shows the reply in the live store at once (the socket event may come a moment later; never a newer one replaced). */
  function show(incident: Incident): void {
    const known = incidents.get(incident.id);
    if (!known || Date.parse(known.updatedAt) <= Date.parse(incident.updatedAt)) incidents.upsert(incident);
  }

  /**
   * Creates the incident; with `dispatch`, also sends the first available candidate. The desk then
   * opens the incident (its panel shows the assignment and the timeline).
   */
  async function submit(title: string, dispatch: boolean): Promise<Incident | null> {
    const request = body(title);
    if (!request || busy.value) return null;
    busy.value = dispatch ? 'dispatch' : 'create';
    // Ctrl+Enter right after the coordinates were typed: the first unit is the one for this point.
    if (dispatch) await pendingCandidates;
    const top = dispatch ? topCandidate.value : null;
    let created: Incident;
    try {
      created = await createIncident(request);
    } catch (err) {
      // Nothing was created: the form stays open with what was typed, the field at fault named.
      outcome.value = failure(err, null);
      busy.value = null;
      return null;
    }
    show(created);
    // The incident exists now: the form closes whatever the dispatch does, so it is never created twice.
    close();
    desk.open(created.id);
    try {
      const incident = top ? await dispatchUnits(created.id, [top.unitId]) : created;
      show(incident);
      outcome.value = { kind: top ? 'dispatched' : 'created', incidentId: incident.id, title: incident.title, callsign: top?.callsign ?? null, field: null };
      if (top) desk.refresh();
      return incident;
    } catch (err) {
      outcome.value = failure(err, created.id);
      return created;
    } finally {
      busy.value = null;
    }
  }

  /** Records this call on an open incident instead of opening another one. */
  async function join(incidentId: string): Promise<Incident | null> {
    if (busy.value) return null;
    busy.value = 'join';
    const text = (v: string) => (v.trim() ? v.trim() : undefined);
    const call = {
      callerName: text(fields.callerName),
      callbackNumber: text(fields.callbackNumber),
      description: text([fields.address, fields.description].filter((v) => v.trim()).join(' · ')),
      callReceivedAt: receivedAt.value ?? undefined,
    };
    try {
      const incident = await joinCall(incidentId, Object.fromEntries(Object.entries(call).filter(([, v]) => v !== undefined)));
      show(incident);
      outcome.value = { kind: 'joined', incidentId: incident.id, title: incident.title, callsign: null, field: null };
      close();
      desk.open(incident.id);
      return incident;
    } catch (err) {
      outcome.value = failure(err, null);
      return null;
    } finally {
      busy.value = null;
    }
  }

  return {
    isOpen,
    receivedAt,
    fields,
    category,
    priority,
    priorityChosen,
    point,
    pointSource,
    candidates,
    candidatesLoading,
    available,
    topCandidate,
    duplicates,
    busy,
    outcome,
    openCount,
    open,
    close,
    setCategory,
    setPriority,
    setPoint,
    submit,
    join,
  };
});

/** The server names the field at fault (e.g. `callbackNumber: must match pattern`): shown as it is. */
function failure(err: unknown, incidentId: string | null): IntakeOutcome {
  const title = err instanceof Error ? err.message : String(err);
  const field = err instanceof ApiRequestError ? (err.field ?? null) : null;
  return { kind: 'error', incidentId, title, callsign: null, field };
}
