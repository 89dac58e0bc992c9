import { summarize, type Summary } from '../../core/lib/stats.js';
import type { AlertSender } from './alert-sender.js';
import type { Rig } from './drill-kit.js';

/**
 * 202 → last screen, split by when the alert was accepted: before the fault,
 * during it, after recovery. Shows what "keeps serving, degraded" costs.
 */
export async function alertToScreen(
  rig: Rig,
  sender: AlertSender,
  window: { downAt: number; upAt: number },
): Promise<Record<'before' | 'during' | 'after', Summary>> {
  const got = await rig.fleet.collect();
  const rows = sender
    .accepted()
    .map((p) => ({ at: p.acceptedAt!, a: got.alerts.get(p.alertId!) }))
    .filter((r) => r.a && r.a.n >= rig.size.screens);
  const pick = (f: (at: number) => boolean) => summarize(rows.filter((r) => f(r.at)).map((r) => r.a!.last - r.at));
  return {
    before: pick((at) => at < window.downAt),
    during: pick((at) => at >= window.downAt && at < window.upAt),
    after: pick((at) => at >= window.upAt),
  };
}
