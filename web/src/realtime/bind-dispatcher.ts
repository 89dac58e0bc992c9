import { SEQUENCED_EVENTS, type SequencedEventName } from '@lianfang/shared';
import type { RealtimeDispatcher } from './realtime-dispatcher';
import type { LianfangClientSocket } from './realtime-socket';

const RESUME_TIMEOUT_MS = 15_000;

const KNOWN = new Set<string>(['state:snapshot', ...SEQUENCED_EVENTS]);

/**
 * Wires a socket's events to the dispatcher; returns the unbind function.
 * Every sequenced event goes through one listener; an event this build does not
 * know (a newer server during a rolling deploy) still moves `lastSeq` on, since
 * otherwise the next message would look like a gap and resume forever.
 */
export function bindDispatcher(socket: LianfangClientSocket, dispatcher: RealtimeDispatcher): () => void {
  socket.on('state:snapshot', (s) => dispatcher.handleSnapshot(s));
  const onAny = (event: string, msg: unknown) => {
    if ((SEQUENCED_EVENTS as readonly string[]).includes(event)) {
      // onAny is untyped; the payload of a named event is what ServerToClientEvents says it is.
      dispatcher.handleMessage(event as SequencedEventName, msg as never);
    } else if (!KNOWN.has(event) && hasSeq(msg)) {
      dispatcher.skipUnknown(event, msg);
    }
  };
  socket.onAny(onAny);
  const onConnect = () => dispatcher.onConnected();
  // `active` is false after a deliberate disconnect (logout) or a refusal by the server.
  const onDisconnect = () => dispatcher.onDisconnected(socket.active);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  return () => {
    socket.off('state:snapshot');
    socket.offAny(onAny);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  };
}

export function resumeOver(socket: LianfangClientSocket, history: () => string | null) {
  return (lastSeq: number) => {
    const of = history();
    return socket.timeout(RESUME_TIMEOUT_MS).emitWithAck('sync:resume', of ? { lastSeq, history: of } : { lastSeq });
  };
}

function hasSeq(msg: unknown): msg is { seq: number; fromSeq?: number } {
  return typeof msg === 'object' && msg !== null && typeof (msg as { seq?: unknown }).seq === 'number';
}
