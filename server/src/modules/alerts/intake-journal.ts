import { Redis } from 'ioredis';
import type { JournalledPress } from '@lianfang/shared';
import type { RaiseAlert } from './alert-service.js';
import type { DeviceRecord } from '../devices/device-repository.js';

/**
 * What the journal keeps of one press: what `AlertService.raise` needs to write it later, with
 * the alert's id, an idempotency key always set (the intake gives a press without one
 * `press:<alertId>`: what makes a replay exactly once) and the time the server accepted it
 * (its alert's received time and the clock of its dedupe window).
 */
export type JournalPress = Omit<RaiseAlert, 'incidentId' | 'alertId' | 'idempotencyKey' | 'receivedAt'> & {
  alertId: string;
  idempotencyKey: string;
  receivedAt: string;
};

export interface JournalEntry {
  journalId: string;
  press: JournalPress;
}

export interface IntakeNotices {
  journalled(presses: JournalledPress[]): void;
  recorded(recorded: { journalId: string; alertId: string | null }[]): void;
}

/** A device found by its key stays usable from this directory for a week of database outages. */
const DEVICE_TTL_SECONDS = 7 * 24 * 3600;
/** Compare-and-renew: only the holder extends its lease. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * The durable intake journal: presses the database could not take, in a Redis
 * stream of their own (`<prefix>intake:journal`), kept until written. Redis must
 * persist it (AOF, appendfsync everysec: docs/operations.md). Also the device
 * directory intake needs to check a key while PostgreSQL is away, and the lease
 * that lets one instance at a time write the journal back.
 */
export class IntakeJournal {
  private readonly redis: Redis;
  private subscriber: Redis | null = null;
  readonly streamKey: string;
  private readonly channel: string;
  private readonly leaseKey: string;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // No offline queue and a short command timeout: with Redis down too, intake must answer 503 at once.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000, connectTimeout: 2000 });
    this.redis.on('error', () => {});
    this.streamKey = `${prefix}intake:journal`;
    this.channel = `${prefix}intake:notices`;
    this.leaseKey = `${prefix}intake:lease`;
  }

  /** Appends a press; resolves with its journal id only once Redis has it. */
  async append(press: JournalPress): Promise<JournalledPress> {
    const journalId = await this.redis.xadd(this.streamKey, '*', 'press', JSON.stringify(press));
    if (!journalId) throw new Error('journal: no id');
    const shown = screenPress({ journalId, press });
    await this.redis.publish(this.channel, JSON.stringify({ journalled: [shown] })).catch(() => 0);
    return shown;
  }

  /** Presses waiting (false when Redis cannot say: the live path is then the only way anyway). */
  async hasBacklog(): Promise<boolean> {
    return (await this.redis.xlen(this.streamKey).catch(() => 0)) > 0;
  }

  /** The oldest `count` entries, in order. */
  async head(count: number): Promise<JournalEntry[]> {
    const rows = await this.redis.xrange(this.streamKey, '-', '+', 'COUNT', count);
    return rows.map(([journalId, fields]) => ({ journalId, press: JSON.parse(fields[1] ?? '{}') as JournalPress }));
  }

  /** What every screen shows as "received, not yet recorded". */
  async pending(): Promise<JournalledPress[]> {
    return (await this.head(1000)).map(screenPress);
  }

  /** Written (alertId) or refused (null, kept in `<prefix>intake:refused` for a look): out of the journal, off the screens. */
  async settle(entry: JournalEntry, alertId: string | null, reason?: string): Promise<void> {
    if (alertId === null)
      await this.redis.xadd(`${this.prefix}intake:refused`, 'MAXLEN', '~', '10000', '*', 'press', JSON.stringify(entry.press), 'reason', reason ?? '');
    await this.redis.xdel(this.streamKey, entry.journalId);
    await this.redis.publish(this.channel, JSON.stringify({ recorded: [{ journalId: entry.journalId, alertId }] })).catch(() => 0);
  }

  /** Takes or renews the writer's lease; true while `token` holds it. */
  async holdLease(token: string, ms: number): Promise<boolean> {
    if ((await this.redis.set(this.leaseKey, token, 'PX', ms, 'NX')) === 'OK') return true;
    return (await this.redis.eval(RENEW, 1, this.leaseKey, token, String(ms))) === 1;
  }

  async releaseLease(token: string): Promise<void> {
    await this.redis
      .eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.leaseKey, token)
      .catch(() => 0);
  }

  /** Remembers a device found by its key hash (intake may need it while the database is away). */
  rememberDevice(keyHash: string, device: DeviceRecord): void {
    void this.redis.set(`${this.prefix}intake:device:${keyHash}`, JSON.stringify(device), 'EX', DEVICE_TTL_SECONDS).catch(() => 0);
  }

  forgetDevice(keyHash: string): Promise<unknown> {
    return this.redis.del(`${this.prefix}intake:device:${keyHash}`).catch(() => 0);
  }

  async deviceByKeyHash(keyHash: string): Promise<DeviceRecord | null> {
    const raw = await this.redis.get(`${this.prefix}intake:device:${keyHash}`).catch(() => null);
    return raw ? (JSON.parse(raw) as DeviceRecord) : null;
  }

  /** Every instance hears every journalled and recorded press (and tells its own screens). */
  listen(notices: IntakeNotices): void {
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const msg = JSON.parse(raw) as { journalled?: JournalledPress[]; recorded?: { journalId: string; alertId: string | null }[] };
      if (msg.journalled) notices.journalled(msg.journalled);
      if (msg.recorded) notices.recorded(msg.recorded);
    });
    // Not awaited: an instance starts with Redis away too; ioredis subscribes again on reconnect.
    void this.subscriber.subscribe(this.channel).catch(() => 0);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.redis.disconnect();
  }
}

function screenPress({ journalId, press }: JournalEntry): JournalledPress {
  const point = press.lat !== undefined && press.lon !== undefined ? { lat: press.lat, lon: press.lon } : press.fixedPoint;
  return {
    journalId,
    alertId: press.alertId,
    kind: press.kind,
    label: press.label,
    deviceId: press.deviceId,
    unitId: press.unitId,
    lat: point?.lat ?? null,
    lon: point?.lon ?? null,
    note: press.note ?? null,
    receivedAt: press.receivedAt,
  };
}
