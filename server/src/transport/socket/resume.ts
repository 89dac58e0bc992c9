import type { ResumeReply } from '@lianfang/shared';
import { OPS_ROOM } from './broadcaster.js';
import { readEvents } from '../../pipeline/outbox.js';
import { CAPTAIN_ROOM, captainFeedOf, isCaptain } from './captain-feed.js';
import { messageOf } from './entry-messages.js';
import type { LianfangSocket } from './socket-types.js';
import type { Database } from '../../db/database.js';
import type { LivePicture } from '../../modules/live-picture.js';
import type { Sequencer } from '../../pipeline/sequencer.js';
import type { Broadcaster } from './broadcaster.js';
import type { Metrics } from '../../observability/metrics.js';

/** What a reconnecting screen is brought up to date from: the sequencer's window, else the database, else a snapshot. */
export interface ResumeDeps {
  db: Database;
  picture: LivePicture;
  sequencer: Sequencer;
  broadcaster: Broadcaster;
  metrics: Metrics;
  /** The history seqs count in now (the database's log identity): read on every resume, it changes when the database is replaced. */
  history(): string;
}

/** Where the screen stands: its last applied seq, and the history it counted in (absent from older or third-party clients). */
export interface ResumePoint {
  lastSeq: number | undefined;
  history?: string | undefined;
}

/** Beyond this many missed events a snapshot is cheaper than a replay. */
const MAX_REPLAY = 5000;

/**
 * Brings one socket up to date and into the live room. The last step (tail
 * from memory, emit, join) runs in one synchronous stretch, so no live event can
 * slip between the replay and the room: exactly the missed events, then live.
 */
export async function bringUpToDate(deps: ResumeDeps, socket: LianfangSocket, from: ResumePoint): Promise<ResumeReply> {
  const history = deps.history();
  // A seq of another history names other events: such a screen starts again from a snapshot.
  const lastSeq = from.history === undefined || from.history === history ? from.lastSeq : undefined;
  // A captain's socket gets its share through the captain feed (see captain-visibility.ts), never the ops room.
  const captains = isCaptain(socket) ? captainFeedOf(socket.nsp.server) : null;
  const room = captains ? CAPTAIN_ROOM : OPS_ROOM;
  socket.leave(room);
  const applied = deps.sequencer.applied;
  if (lastSeq !== undefined && Number.isInteger(lastSeq) && lastSeq >= 0 && lastSeq <= applied && applied - lastSeq <= MAX_REPLAY) {
    let fromDb: Awaited<ReturnType<typeof readEvents>> = [];
    let after = lastSeq;
    if (deps.sequencer.entriesAfter(lastSeq) === null) {
      // Older than this instance's memory: read the gap from the outbox table.
      fromDb = await readEvents(deps.db, lastSeq, MAX_REPLAY, deps.sequencer.oldestInMemory ?? applied + 1);
      if (fromDb.length > 0 && fromDb[0]!.seq === lastSeq + 1) after = fromDb[fromDb.length - 1]!.seq;
      else fromDb = [];
    }
    // Positions applied but still pending in the broadcaster's batch go out to the room now (this socket
    // is not in it), so the batch cannot reach this socket again after the replay that already holds them.
    deps.broadcaster.flushPositions();
    const tail = deps.sequencer.entriesAfter(after);
    if (tail !== null && (fromDb.length > 0 || after === lastSeq)) {
      captains?.markCovered(socket, lastSeq);
      for (const entry of [...fromDb, ...tail]) {
        const { event, payload } = messageOf(entry);
        if (captains) captains.send(socket, event, payload);
        else (socket.emit as (e: string, p: unknown) => void)(event, payload);
      }
      socket.join(room);
      deps.metrics.replays.inc({ mode: 'replay' });
      return { mode: 'replay', history, fromSeq: lastSeq + 1, toSeq: deps.sequencer.applied };
    }
  }
  deps.broadcaster.flushPositions(); // as above: the snapshot already holds the pending positions
  const snapshot = { ...deps.picture.snapshot(), history };
  socket.emit('state:snapshot', captains ? captains.snapshotFor(socket, snapshot) : snapshot);
  captains?.markCovered(socket, snapshot.seq);
  socket.join(room);
  deps.metrics.replays.inc({ mode: 'snapshot' });
  return { mode: 'snapshot', history, fromSeq: snapshot.seq, toSeq: snapshot.seq };
}
