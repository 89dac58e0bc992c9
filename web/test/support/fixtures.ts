import type { Alert, Incident, KeyArea, Position, Snapshot, Unit } from '@lianfang/shared';

/** Small, valid domain objects for tests; override what the test is about. */
export function unit(over: Partial<Unit> = {}): Unit {
  return { id: 'u1', callsign: 'A-1', force: 'police', mode: 'car', teamId: null, status: 'available', position: null, ...over };
}

export function position(over: Partial<Position> = {}): Position {
  const at = over.serverTime ?? '2025-01-01T08:00:00.000Z';
  return {
    unitId: 'u1',
    lat: 30.24,
    lon: 120.15,
    speedKmh: null,
    heading: null,
    accuracyM: 5,
    altitudeM: null,
    battery: null,
    deviceTime: at,
    serverTime: at,
    flags: [],
    ...over,
  };
}

/**
 * The incident schema grows with each dispatch feature; fields the screens do not
 * read yet are left out here (hence the cast), so a new server field does not
 * break every web test.
 */
export function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    status: 'reported',
    category: 'criminal',
    priority: 'P1',
    source: 'alert',
    title: 'SOS · A-1',
    lat: 30.24,
    lon: 120.15,
    gridId: null,
    deviceId: null,
    unitId: null,
    alertCount: 1,
    createdAt: '2025-01-01T08:00:00.000Z',
    updatedAt: '2025-01-01T08:00:00.000Z',
    level: 'grid',
    note: null,
    callerName: null,
    callbackNumber: null,
    address: null,
    description: null,
    callReceivedAt: null,
    assignments: [],
    callIns: [],
    resolution: null,
    evaluation: null,
    planId: null,
    tasks: [],
    milestones: {
      dispatchedAt: null,
      acknowledgedAt: null,
      enRouteAt: null,
      onSceneAt: null,
      resolvedAt: null,
      closedAt: null,
      ackBreachedAt: null,
      arrivalBreachedAt: null,
    },
    ...over,
  } as Incident;
}

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    kind: 'sos',
    source: 'gateway',
    deviceId: 'd1',
    unitId: null,
    incidentId: 'i1',
    lat: 30.24,
    lon: 120.15,
    note: null,
    deviceTime: null,
    receivedAt: '2025-01-01T08:00:00.000Z',
    ...over,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    seq: 10,
    serverTime: new Date().toISOString(),
    units: [unit()],
    incidents: [],
    grids: [],
    stations: [],
    teams: [],
    keyAreas: [],
    patrolPlans: [],
    ...over,
  };
}

/** Cast for the same reason as `incident`: fields the screens do not read may be added server-side. */
export function keyArea(over: Partial<KeyArea> = {}): KeyArea {
  return {
    id: 'k1',
    name: 'School gate',
    ring: [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
    everyMinutes: 30,
    from: '07:00',
    to: '19:00',
    lastVisitAt: null,
    lastVisitUnitId: null,
    overdueSince: null,
    createdAt: '2025-01-01T07:00:00Z',
    ...over,
  } as KeyArea;
}

type Assignment = Incident['assignments'][number];

/** Cast like `incident`: the assignment record grows with the dispatch loop. */
export function assignment(over: Partial<Assignment> & { unitId: string }): Assignment {
  return {
    status: 'dispatched',
    dispatchedAt: '2025-01-01T08:00:00Z',
    acknowledgedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    clearedAt: null,
    ...over,
  } as Assignment;
}
