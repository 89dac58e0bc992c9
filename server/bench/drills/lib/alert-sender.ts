/**
 * A panic-button gateway that does what a good one must: each press carries an
 * idempotency key, and a press that did not get a 2xx (refused with 503, cut
 * off by a dying instance, timed out) is sent again with the same key every
 * `retryMs`, bounded by `maxAttempts`. So "nothing acknowledged is lost" can be
 * checked exactly: every 202 names an alert id that must be in the database
 * and on every screen; retries must not create a second alert.
 */
import { randomUUID } from 'node:crypto';
import { nowMs, sleep } from '../../core/lib/stats.js';

export interface Press {
  i: number;
  key: string;
  sentAt: number;
  acceptedAt: number | null;
  alertId: string | null;
  /** The 202 said "journalled" (PostgreSQL away: in the intake journal, recorded later). */
  journalled: boolean;
  statuses: number[];
}

export interface SenderOptions {
  baseUrl: string;
  deviceKeys: readonly string[];
  everyMs: number;
  count: number;
  retryMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
}

export class AlertSender {
  readonly presses: Press[] = [];
  /** 503 answers without a Retry-After header (a gateway would not know when to retry): must be 0. */
  noRetryAfter = 0;
  private done: Promise<void> | undefined;

  constructor(private readonly o: SenderOptions) {}

  /** Starts the open-loop schedule: press i leaves at i × everyMs whatever happened to earlier ones. */
  start(): void {
    const started = nowMs();
    const inFlight: Promise<void>[] = [];
    this.done = (async () => {
      for (let i = 0; i < this.o.count; i++) {
        const wait = started + i * this.o.everyMs - nowMs();
        if (wait > 0) await sleep(wait);
        const press: Press = { i, key: randomUUID(), sentAt: nowMs(), acceptedAt: null, alertId: null, journalled: false, statuses: [] };
        this.presses.push(press);
        inFlight.push(this.deliver(press));
      }
      await Promise.all(inFlight);
    })();
  }

  finished(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  private async deliver(press: Press): Promise<void> {
    const device = this.o.deviceKeys[press.i % this.o.deviceKeys.length]!;
    for (let attempt = 1; attempt <= (this.o.maxAttempts ?? 60); attempt++) {
      const status = await this.post(device, press);
      press.statuses.push(status);
      if (status === 202) return;
      await sleep(this.o.retryMs ?? 1000);
    }
  }

  private async post(device: string, press: Press): Promise<number> {
    try {
      const res = await fetch(`${this.o.baseUrl}/ingest/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device}` },
        body: JSON.stringify({ kind: 'panic', note: `drill press ${press.i}`, idempotencyKey: press.key }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      if (res.status === 503 && !res.headers.get('retry-after')) this.noRetryAfter++;
      const body = (await res.json().catch(() => ({}))) as { alertId?: string; journalled?: boolean };
      if (res.status === 202 && body.alertId) {
        press.acceptedAt = nowMs();
        press.alertId = body.alertId;
        press.journalled = body.journalled === true;
      }
      return res.status;
    } catch {
      return 0; // connection cut or timed out: no answer is not a 2xx
    }
  }

  /** Status counts over every attempt, e.g. { 202: 80, 503: 12, 0: 3 }. */
  statusCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.presses) for (const s of p.statuses) out[s] = (out[s] ?? 0) + 1;
    return out;
  }

  accepted(): Press[] {
    return this.presses.filter((p) => p.alertId !== null);
  }
}
