import type { Incident } from '@lianfang/shared';
import { DEFAULT_TARGETS, incidentMilestones, responseClock } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import { appendTimeline } from './incident-repository.js';

/**
 * A breach is written the second a clock runs out with nothing reported. A report that
 * arrives later (an offline tablet, a radio unit entered by the desk) can show that the
 * step was in fact done in time: then the breach was wrong, and it is withdrawn — never
 * silently deleted: the timeline keeps when it was written and why it was withdrawn. An
 * arrival breach also lifted the case one rung on the ladder; that lift is undone when
 * nothing has lifted the case since (the level would otherwise become its settled level).
 * Returns whether anything changed.
 */
export async function withdrawWrongBreaches(q: Queryable, incident: Incident): Promise<boolean> {
  const m = incident.milestones;
  if (!m.ackBreachedAt && !m.arrivalBreachedAt) return false;
  const clock = responseClock(incidentMilestones(incident), DEFAULT_TARGETS[incident.priority], Date.now());
  let changed = false;
  if (m.ackBreachedAt && clock.ack === 'met') {
    await q.query('UPDATE incidents SET ack_breached_at = NULL, updated_at = now() WHERE id = $1', [incident.id]);
    const metAt = m.acknowledgedAt ?? m.enRouteAt ?? m.onSceneAt;
    await appendTimeline(q, incident.id, 'system', 'breach_withdrawn', { which: 'ack', breachedAt: m.ackBreachedAt, deadline: clock.ackDeadline, metAt });
    await recordAudit(q, 'system', 'incident.breach_withdrawn', incident.id, { which: 'ack', metAt });
    changed = true;
  }
  if (m.arrivalBreachedAt && clock.arrival === 'met') {
    await q.query('UPDATE incidents SET arrival_breached_at = NULL, updated_at = now() WHERE id = $1', [incident.id]);
    const lift = await breachLift(q, incident);
    if (lift) await q.query('UPDATE incidents SET level = $2 WHERE id = $1', [incident.id, lift.from]);
    await appendTimeline(q, incident.id, 'system', 'breach_withdrawn', {
      which: 'arrival',
      breachedAt: m.arrivalBreachedAt,
      deadline: clock.arrivalDeadline,
      metAt: m.onSceneAt,
      ...(lift ? { levelFrom: lift.to, levelTo: lift.from } : {}),
    });
    await recordAudit(q, 'system', 'incident.breach_withdrawn', incident.id, { which: 'arrival', metAt: m.onSceneAt, ...(lift ? { levelTo: lift.from } : {}) });
    changed = true;
  }
  return changed;
}

/** The ladder step the arrival breach took, if it is still the last one and the case still sits there. */
async function breachLift(q: Queryable, incident: Incident): Promise<{ from: string; to: string } | null> {
  const [last] = await q.query<{ data: { from?: string; to?: string; reason?: string } | string }>(
    `SELECT data FROM incident_events WHERE incident_id = $1 AND kind = 'escalated' ORDER BY id DESC LIMIT 1`,
    [incident.id],
  );
  if (!last) return null;
  const data = typeof last.data === 'string' ? (JSON.parse(last.data) as { from?: string; to?: string; reason?: string }) : last.data;
  if (data.reason !== 'arrival target breached' || data.to !== incident.level || !data.from) return null;
  return { from: data.from, to: data.to };
}
