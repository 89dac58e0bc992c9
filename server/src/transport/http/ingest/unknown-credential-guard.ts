import { createHash } from 'node:crypto';
import { RateLimited } from '../../../modules/domain-errors.js';
import { PerSecondLimit } from './per-second-limit.js';

/** Distinct unknown ids whose log interval is tracked; beyond this they share one line per interval (memory stays bounded). */
const MAX_TRACKED = 10_000;
const OVERFLOW = '(many)';

export interface UnknownCredentialOptions {
  /** 'tracker id' or 'device key': named in the 429 and the log line. */
  what: string;
  /** Unknown ids/keys one address may try per second before it is refused (429) for the rest of that second. */
  perAddressPerSecond: number;
  /** One log line per unknown id per this many ms, with the count of the lines it stands for. */
  logIntervalMs?: number;
}

/**
 * Ingest authenticates with secrets (tracker ids, device keys), so an address that
 * keeps presenting unknown ones is guessing. It gets a small budget of failures a
 * second, counted per address, after which every attempt from it is refused until
 * the second ends, before any lookup (device keys cost a database query). And an
 * unknown id is logged at most once per interval, by a short hash: a tracker id is a
 * secret, and a log line per guess would let a guesser fill the disk.
 */
export class UnknownCredentialGuard {
  private readonly failures: PerSecondLimit;
  private readonly logged = new Map<string, { until: number; suppressed: number }>();
  private readonly logIntervalMs: number;

  constructor(private readonly options: UnknownCredentialOptions) {
    this.failures = new PerSecondLimit(options.perAddressPerSecond);
    this.logIntervalMs = options.logIntervalMs ?? 60_000;
  }

  /** Throws a 429 (with Retry-After) when this address has used up its failures for this second. */
  checkAddress(address: string, now = Date.now()): void {
    const waitMs = this.failures.waitFor(address, now);
    if (waitMs > 0)
      throw new RateLimited(`rate limit: too many unknown ${this.options.what}s from this address, at most ${this.failures.perSecond} a second`, waitMs);
  }

  /** Counts a failure against the address and logs the unknown id if its interval allows. */
  recordUnknown(address: string, secret: string, log: { warn(details: object, message: string): void }, now = Date.now()): void {
    this.failures.take(address, now);
    const ref = credentialRef(secret);
    const key = this.logged.has(ref) || this.makeRoom(now) ? ref : OVERFLOW;
    const entry = this.logged.get(key);
    if (entry && entry.until > now) {
      entry.suppressed++;
      return;
    }
    this.logged.set(key, { until: now + this.logIntervalMs, suppressed: 0 });
    const fields = key === OVERFLOW ? { many: true } : { ref };
    log.warn({ ...fields, ip: address, suppressedSinceLast: entry?.suppressed ?? 0 }, `unknown ${this.options.what}`);
  }

  /** True when a new id may get an entry of its own (after dropping expired ones if full). */
  private makeRoom(now: number): boolean {
    if (this.logged.size < MAX_TRACKED) return true;
    for (const [k, v] of this.logged) if (v.until <= now) this.logged.delete(k);
    return this.logged.size < MAX_TRACKED;
  }
}

/** What a log line may say about a secret: the first 12 hex digits of its SHA-256 (enough to match two lines, useless to an attacker). */
export function credentialRef(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;
}
