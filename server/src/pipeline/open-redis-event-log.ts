import { Redis } from 'ioredis';
import type { Queryable } from '../db/database.js';
import { bindLogToDatabase, stillBound, type Renamed } from './log-binding.js';
import { RedisEventLog, streamHead, streamKeyOf } from './redis-event-log.js';

/** What an operator is told (core turns these into log lines and metrics). */
export interface BindingEvents {
  bound(identity: string, previous: string | null): void;
  renamed(r: Renamed): void;
  lost(identity: string, reason: string): void;
}

/** A retired stream is kept this long for a look at what it held, then Redis drops it. */
const RETIRED_TTL_SECONDS = 24 * 3600;

/**
 * The Redis log of this instance's database: `<prefix>events:<identity>`.
 * Binds first (log-binding.ts), then records the identity in
 * `<prefix>events:current` and lets the stream it replaces expire: the
 * previous identity's, or `<prefix>events` of versions before the binding.
 */
export async function openRedisEventLog(url: string, prefix: string, db: Queryable, events: BindingEvents): Promise<RedisEventLog> {
  const probe = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 2000 });
  probe.on('error', () => {});
  try {
    await probe.connect().catch(() => {});
    const identity = await bindLogToDatabase(
      db,
      (id) => streamHead(probe, streamKeyOf(prefix, id)),
      (r) => events.renamed(r),
    );
    const previous = await retireOthers(probe, prefix, identity).catch(() => null);
    events.bound(identity, previous);
    return new RedisEventLog(url, prefix, {
      identity,
      stillOwns: (head) => stillBound(db, identity, head),
      lost: (reason) => events.lost(identity, reason),
    });
  } finally {
    probe.disconnect();
  }
}

/** Returns the identity that was current before (null on a first start). */
async function retireOthers(redis: Redis, prefix: string, identity: string): Promise<string | null> {
  const previous = await redis.set(`${prefix}events:current`, identity, 'GET');
  // An instance of a stale database may have set a TTL on this stream; the owner takes it back.
  await redis.persist(streamKeyOf(prefix, identity));
  if (previous && previous !== identity) await redis.expire(streamKeyOf(prefix, previous), RETIRED_TTL_SECONDS);
  const legacy = `${prefix}events`;
  if ((await redis.ttl(legacy)) === -1) await redis.expire(legacy, RETIRED_TTL_SECONDS);
  return previous;
}
