import type { ServerToClientEvents, Snapshot } from '@lianfang/shared';
import type { LivePicture } from '../../modules/live-picture.js';
import { captainScope, messageFor, snapshotFor, type CaptainScope } from '../../modules/users-auth/captain-visibility.js';
import type { LianfangServer, LianfangSocket } from './socket-types.js';

/** Captains' sockets live here instead of the control room's `ops` room. */
export const CAPTAIN_ROOM = 'captains';

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Sends each captain socket only what it may see, without breaking the
 * "no silent gaps" rule: the seqs of hidden messages are folded into the next
 * visible message's `fromSeq` (`judgeSeq` already treats any message as covering
 * `fromSeq..seq`), so a tablet neither sees the other teams' events nor asks for
 * a resync because of them.
 */
export class CaptainFeed {
  /** Per socket: the last seq its client has been told about (sent or folded). */
  private readonly covered = new WeakMap<LianfangSocket, number>();
  /** Scopes per captain identity, valid until something other than positions changes the picture. */
  private scopes = new Map<string, CaptainScope>();
  private picture: LivePicture | null = null;

  constructor(private readonly io: LianfangServer) {}

  usePicture(picture: LivePicture): void {
    this.picture = picture;
  }

  /** Called with every message the broadcaster sends to the control room. */
  forward<E extends keyof ServerToClientEvents>(event: E, payload: Payload<E>): void {
    // Team membership and assignments change only with non-position events.
    if (event !== 'unit:positions') this.scopes.clear();
    const ids = this.io.sockets.adapter.rooms.get(CAPTAIN_ROOM);
    if (!ids || ids.size === 0 || !this.picture) return;
    for (const id of ids) {
      const socket = this.io.sockets.sockets.get(id);
      if (socket) this.send(socket, event, payload);
    }
  }

  /** One sequenced message to one captain socket, filtered, its `fromSeq` widened over what was hidden. */
  send<E extends keyof ServerToClientEvents>(socket: LianfangSocket, event: E, payload: Payload<E>): void {
    const visible = messageFor(event, payload, this.scopeOf(socket));
    if (visible === null) return;
    const msg = visible as Payload<E> & { seq: number; fromSeq?: number };
    const covered = this.covered.get(socket);
    const from = msg.fromSeq ?? msg.seq;
    const widened = covered !== undefined && covered + 1 < from ? { ...msg, fromSeq: covered + 1 } : msg;
    this.covered.set(socket, Math.max(covered ?? msg.seq, msg.seq));
    (socket.emit as (e: string, p: unknown) => void)(event, widened);
  }

  /** The client holds everything up to `seq` (it sent it as lastSeq, or got a snapshot at it). */
  markCovered(socket: LianfangSocket, seq: number): void {
    this.covered.set(socket, seq);
  }

  snapshotFor(socket: LianfangSocket, snapshot: Snapshot): Snapshot {
    return snapshotFor(snapshot, this.scopeOf(socket));
  }

  private scopeOf(socket: LianfangSocket): CaptainScope {
    const { teamId, unitId } = socket.data.session;
    const key = `${teamId ?? ''}|${unitId ?? ''}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = this.picture ? captainScope(this.picture, { teamId, unitId }) : { team: new Set(), units: new Set(), incidents: new Set() };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}

const feeds = new WeakMap<LianfangServer, CaptainFeed>();

/** The one feed of a Socket.IO server (made by createSocketServer, given the picture by attachSocketHandlers). */
export function captainFeedOf(io: LianfangServer): CaptainFeed {
  let feed = feeds.get(io);
  if (!feed) {
    feed = new CaptainFeed(io);
    feeds.set(io, feed);
  }
  return feed;
}

/** Operators, managers and admins see everything; a captain sees their share. */
export function isCaptain(socket: LianfangSocket): boolean {
  return socket.data.session.role === 'captain';
}
