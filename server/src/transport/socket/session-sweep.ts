import type { SessionEndReason } from '@lianfang/shared';
import type { SessionStore } from '../../modules/users-auth/session-store.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import type { LianfangServer, LianfangSocket } from './socket-types.js';

/**
 * Ends the sockets of ended logins. The instance that ended a session closes its
 * own sockets at once (`announce`); every instance also asks the database every
 * `everyMs` which of its sockets' sessions are still open, which covers sessions
 * ended on another instance, disabled users and rows changed by hand.
 */
export class SessionSweep {
  // The database is away: keep the sockets until it answers (the REST check refuses meanwhile anyway).
  private readonly worker = new PeriodicWorker(() => this.sweepOnce(), { onError: () => {} });

  constructor(
    private readonly io: LianfangServer,
    private readonly sessions: SessionStore,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.sessions.onEnded((sids, reason) => this.endSockets(new Set(sids), reason));
    this.worker.start(this.everyMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** One pass: sockets whose session is no longer open are told and closed. A failed read is tried again next beat. */
  sweep(): Promise<void> {
    return this.worker.kick();
  }

  private async sweepOnce(): Promise<void> {
    const sids = new Set<string>();
    for (const socket of this.io.of('/').sockets.values()) sids.add(socket.data.session.sid);
    if (sids.size === 0) return;
    const open = await this.sessions.stillOpen([...sids]);
    const ended = new Set([...sids].filter((sid) => !open.has(sid)));
    if (ended.size > 0) this.endSockets(ended, null);
  }

  private endSockets(sids: ReadonlySet<string>, reason: SessionEndReason | null): void {
    const doomed: LianfangSocket[] = [];
    for (const socket of this.io.of('/').sockets.values()) if (sids.has(socket.data.session?.sid)) doomed.push(socket);
    for (const socket of doomed) {
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }
  }
}
