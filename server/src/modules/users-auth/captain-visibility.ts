import { isLiveAssignment, type Incident, type PositionRow, type ServerToClientEvents, type Snapshot } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';

/**
 * What a captain may see (issue 5: "operator sees everything, captain sees their
 * team plus what they are dispatched to"). Pure rules over the live picture, so
 * the socket feed, the replay and the snapshot all filter alike.
 *
 * - units: the captain's team (and their own unit), plus the units working an
 *   incident alongside them (a joint response needs to see its partners);
 * - incidents: those raised by one of the team's units or with a team unit on it
 *   (any assignment state, so the update that clears them still arrives);
 * - advice: for those incidents; patrol plans: of the team's units;
 * - geography (grids, stations, teams, key areas) for everyone on patrol;
 * - coverage: the control room's analysis, not sent.
 */
export interface Viewer {
  teamId: string | null;
  unitId: string | null;
}
/** `team`: the captain's own units; `units`/`incidents`: everything they may see right now. */
export interface CaptainScope {
  team: ReadonlySet<string>;
  units: ReadonlySet<string>;
  incidents: ReadonlySet<string>;
}

export function captainScope(picture: Pick<LivePicture, 'units' | 'incidents'>, viewer: Viewer): CaptainScope {
  const team = new Set<string>();
  if (viewer.unitId) team.add(viewer.unitId);
  if (viewer.teamId) for (const u of picture.units.values()) if (u.teamId === viewer.teamId) team.add(u.id);
  const units = new Set(team);
  const incidents = new Set<string>();
  for (const i of picture.incidents.values()) {
    if (!concernsTeam(i, team)) continue;
    incidents.add(i.id);
    for (const a of i.assignments) if (isLiveAssignment(a)) units.add(a.unitId);
  }
  return { team, units, incidents };
}

function concernsTeam(incident: Incident, team: ReadonlySet<string>): boolean {
  return (incident.unitId !== null && team.has(incident.unitId)) || incident.assignments.some((a) => team.has(a.unitId));
}

/** The snapshot as this captain may see it (same shape: the tablet applies it like any other). */
export function snapshotFor(snapshot: Snapshot, scope: CaptainScope): Snapshot {
  const { coverage: _coverage, ...rest } = snapshot;
  return {
    ...rest,
    units: snapshot.units.filter((u) => scope.units.has(u.id)),
    incidents: snapshot.incidents.filter((i) => scope.incidents.has(i.id)),
    patrolPlans: patrolPlansFor(snapshot.patrolPlans, scope),
    ...(snapshot.advice ? { advice: snapshot.advice.filter((a) => scope.incidents.has(a.incidentId)) } : {}),
  };
}

/** Patrol plans of the units in the captain's scope (the snapshot's rule, also GET /api/patrol-plans). */
export function patrolPlansFor<P extends { unitId: string }>(plans: readonly P[], scope: CaptainScope): P[] {
  return plans.filter((p) => scope.units.has(p.unitId));
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/**
 * One sequenced message as this captain may see it, or null when it is none of
 * their business. Hidden messages are not lost to the client's seq check: the
 * feed widens the next visible message's `fromSeq` over them.
 */
export function messageFor<E extends keyof ServerToClientEvents>(event: E, payload: Payload<E>, scope: CaptainScope): Payload<E> | null {
  const p = payload as unknown as Record<string, unknown>;
  switch (event) {
    case 'unit:positions': {
      // Compact rows (shared/src/realtime/position-rows.ts): the unit id is the first field.
      const rows = p.rows as PositionRow[] | undefined;
      if (!Array.isArray(rows)) return null;
      const mine = rows.filter((row) => scope.units.has(row[0]));
      return mine.length === 0 ? null : ({ ...p, rows: mine } as unknown as Payload<E>);
    }
    case 'unit:updated':
      return scope.units.has((p.unit as { id: string }).id) ? payload : null;
    case 'alert:raised':
    case 'incident:created':
    case 'incident:updated': {
      // Judged by the incident in the message too: a closed one has already left the picture,
      // and the tablet must still hear that it closed.
      const incident = p.incident as Incident;
      return scope.incidents.has(incident.id) || concernsTeam(incident, scope.team) ? payload : null;
    }
    case 'incident:advice':
      return scope.incidents.has((p.advice as { incidentId: string }).incidentId) ? payload : null;
    case 'patrol_plan:updated':
      return scope.units.has((p.patrolPlan as { unitId: string }).unitId) ? payload : null;
    case 'key_area:updated':
    case 'team:updated':
    case 'geography:changed':
      // Team names label the map for everyone; grids and stations are everyone's map.
      return payload;
    default:
      // coverage:updated, and anything new: the control room's until a rule says otherwise.
      return null;
  }
}
