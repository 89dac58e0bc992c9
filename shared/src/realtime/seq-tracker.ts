/**
 * Decides what a client does with an incoming sequenced message. Pure, so the
 * web dispatcher and the server tests share one definition of "no silent gaps".
 */
export type SeqVerdict = 'apply' | 'duplicate' | 'gap';

export function judgeSeq(lastSeq: number, msg: { seq: number; fromSeq?: number }): SeqVerdict {
  const first = msg.fromSeq ?? msg.seq;
  if (msg.seq <= lastSeq) return 'duplicate';
  // A batch may overlap what we already have (replayed after a snapshot): still fine to apply.
  if (first <= lastSeq + 1) return 'apply';
  return 'gap';
}

/** Maps log event types to the socket event that carries them. */
export const SOCKET_EVENT_FOR = {
  'unit.positions': 'unit:positions',
  'unit.updated': 'unit:updated',
  'alert.raised': 'alert:raised',
  'incident.created': 'incident:created',
  'incident.updated': 'incident:updated',
  'key_area.updated': 'key_area:updated',
  'geography.changed': 'geography:changed',
  'patrol_plan.updated': 'patrol_plan:updated',
  'emergency_plan.updated': 'emergency_plan:updated',
  'incident.advice': 'incident:advice',
  'coverage.updated': 'coverage:updated',
  'team.updated': 'team:updated',
  'device.updated': 'device:updated',
} as const;
