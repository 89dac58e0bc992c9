import { PeriodicWorker, raiseUncaught } from '../../pipeline/periodic-worker.js';
import type { LianfangServer, LianfangSocket } from './socket-types.js';

/**
 * What one socket has been given but not yet handed to the network: engine.io's
 * writeBuffer (packets waiting while the transport is busy) plus, on WebSocket,
 * ws's bufferedAmount (bytes the kernel would not take). On a healthy screen both
 * are ~0 between flushes; on a screen whose link stalls they grow with every batch.
 */
export function pendingOutputBytes(socket: LianfangSocket): number {
  const conn = socket.conn as unknown as { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: number } } };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return bytes;
}

/** Cuts the connection now, buffers and all. A polite close would first wait for the very backlog that cannot drain. */
function cut(socket: LianfangSocket): void {
  const ws = (socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket;
  if (typeof ws?.terminate === 'function') ws.terminate();
  else socket.conn.close(true);
}

export interface SlowConsumerOptions {
  /** Pending output above this drops the socket. Keep it well above a snapshot's size, or a slow screen could never finish one. */
  maxPendingBytes: number;
  checkEveryMs: number;
  /** How long a dropped login is remembered, so its reconnect is served a snapshot instead of a replay of the same backlog. */
  rememberMs?: number;
  onDrop?: (socket: LianfangSocket, pendingBytes: number) => void;
}

/**
 * Bounded buffers for the broadcast: one screen on a bad link never holds the
 * others back (Socket.IO writes to each socket independently) and never makes this
 * process hoard its backlog. Over the bound, its socket is cut; the client
 * reconnects with its lastSeq and is sent a fresh snapshot, so it catches up with
 * no gap and without a replay of everything it could not take in the first place.
 */
export class SlowConsumerGuard {
  // A throw here is a bug (onDrop's, or socket internals changed): it ends the process as it did from a bare interval.
  private readonly worker = new PeriodicWorker(() => this.sweep(), { onError: raiseUncaught });
  private readonly dropped = new Map<string, number>();

  constructor(
    private readonly io: LianfangServer,
    private readonly options: SlowConsumerOptions,
  ) {}

  start(): void {
    this.worker.start(this.options.checkEveryMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Checks every socket of this instance once; returns how many were dropped. */
  sweep(now = Date.now()): number {
    let count = 0;
    for (const socket of this.io.of('/').sockets.values()) {
      const pending = pendingOutputBytes(socket);
      if (pending <= this.options.maxPendingBytes) continue;
      this.dropped.set(loginKey(socket), now + (this.options.rememberMs ?? 60_000));
      this.options.onDrop?.(socket, pending);
      cut(socket);
      count++;
    }
    for (const [key, until] of this.dropped) if (until < now) this.dropped.delete(key);
    return count;
  }

  /** True once for a login that was just dropped for being slow: serve it a snapshot. */
  takeDropped(socket: LianfangSocket, now = Date.now()): boolean {
    const key = loginKey(socket);
    const until = this.dropped.get(key);
    this.dropped.delete(key);
    return until !== undefined && until >= now;
  }
}

/** One login (one session), not one user: two wall screens of one operator are judged apart. */
const loginKey = (socket: LianfangSocket) => socket.data.session.sid;
