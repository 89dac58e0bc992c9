/**
 * What the intake journal drills look at besides the fleet's screens: one
 * control-room screen that notes when each journalled press was shown
 * ("received, not yet recorded") and settled, the journal's length in Redis,
 * and the order the database recorded the presses in.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { IntakeJournalledMessage, IntakeRecordedMessage } from '@lianfang/shared';
import { nowMs } from '../../core/lib/stats.js';

export class JournalWatch {
  /** alertId → when the observer screen was told of it (ms, nowMs clock). */
  readonly shownAt = new Map<string, number>();
  recorded = 0;
  refused = 0;
  private readonly socket: Socket;
  private readonly redis: Redis;

  constructor(url: string, token: string, redisUrl: string, prefix = 'lf:') {
    this.socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token } });
    this.socket.on('intake:journalled', (m: IntakeJournalledMessage) => {
      for (const p of m.presses) if (!this.shownAt.has(p.alertId)) this.shownAt.set(p.alertId, nowMs());
    });
    this.socket.on('intake:recorded', (m: IntakeRecordedMessage) => {
      for (const r of m.recorded) {
        if (r.alertId) this.recorded++;
        else this.refused++;
      }
    });
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
    this.redis.on('error', () => {});
    this.key = `${prefix}intake:journal`;
  }

  private readonly key: string;

  /** Presses waiting in the journal now (null when Redis does not answer). */
  async length(): Promise<number | null> {
    return this.redis.xlen(this.key).catch(() => null);
  }

  /** The pid of the instance holding the writer's lease (null when nobody does). */
  async writerPid(): Promise<number | null> {
    const value = await this.redis.get(this.key.replace(/journal$/, 'lease')).catch(() => null);
    return value ? Number(value.split(':')[0]) : null;
  }

  close(): void {
    this.socket.close();
    this.redis.disconnect();
  }
}

/** The acknowledged alert ids in the order the database received them (received_at, as written from the journal). */
export async function recordedOrder(databaseUrl: string, ids: readonly string[]): Promise<{ id: string; receivedAt: number; seq: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ id: string; received_at: Date }>(
      'SELECT id, received_at FROM alerts WHERE id = ANY($1::text[]) ORDER BY received_at, id',
      [ids],
    );
    return rows.rows.map((r, seq) => ({ id: r.id, receivedAt: r.received_at.getTime(), seq }));
  } finally {
    await client.end();
  }
}

/**
 * Presses recorded before a press that was answered before they were even sent: must be 0.
 * (Presses in flight together have no order between them: a stalled sender can send three at once.)
 * Returns their ids.
 */
export function outOfOrder(presses: readonly { id: string; sentAt: number; answeredAt: number }[], recorded: readonly string[]): string[] {
  const rank = new Map(recorded.map((id, i) => [id, i]));
  const out: string[] = [];
  for (const b of presses) {
    const rb = rank.get(b.id);
    if (rb === undefined) continue;
    if (presses.some((a) => a.answeredAt < b.sentAt && (rank.get(a.id) ?? -1) > rb)) out.push(b.id);
  }
  return out;
}
