import * as ws from 'ws';
import type { LianfangServer } from './socket-types.js';

/**
 * The parts of engine.io and ws this module reads. They are not public API,
 * so every one is checked before use and the normal path is taken otherwise;
 * `room-fanout.test.ts` fails if a Socket.IO/ws upgrade renames them.
 */
interface WsSender {
  sendFrame(frame: Buffer[], cb?: () => void): void;
  _state?: number;
  _queue?: unknown[];
}
interface EngineConn {
  readyState: string;
  writeBuffer: unknown[];
  transport: { name: string; perMessageDeflate?: unknown; socket?: { readyState: number; _sender?: WsSender } };
  write(data: string, options: { wsPreEncodedFrame?: Buffer[] }): void;
}

/** Which path each write took (tests); counted only when given. */
export interface FanoutCounters {
  direct: number;
  queued: number;
}

/**
 * One event to every socket of a room, encoded once and framed once.
 *
 * Socket.IO's own room emit already encodes once, but then runs engine.io's
 * per-socket write path for each of a thousand screens: a packet object, four
 * event emissions, a write callback and a drain cycle per socket per message.
 * That was 1.2× the CPU of a bare `ws` loop (docs/performance.md, live core,
 * goal 2). Here a socket whose WebSocket is open and idle gets the ready frame
 * written straight to its ws sender, which is what engine.io itself ends up
 * doing. A socket where engine.io still holds packets (transport busy, long
 * polling, upgrade in progress, ws queueing) gets the same packet through
 * engine.io, behind what it already holds: per socket, order is kept either way,
 * because the direct write happens only when engine.io has nothing unsent.
 * Captain sockets are not in the rooms fanned out here (they get filtered copies).
 */
export function createRoomFanout(io: LianfangServer, counters?: FanoutCounters) {
  const nsp = io.of('/');
  const fanout = (room: string, event: string, payload: unknown): void => {
    const ids = nsp.adapter.rooms.get(room);
    if (!ids || ids.size === 0) return;
    // Socket.IO EVENT packet "2" on the default namespace, no ack id: "2" + JSON of [event, payload].
    const packet = `2${JSON.stringify([event, payload])}`;
    let frame: Buffer[] | undefined;
    for (const id of ids) {
      const conn = nsp.sockets.get(id)?.conn as unknown as EngineConn | undefined;
      if (!conn || conn.readyState !== 'open') continue;
      // The engine.io "message" packet is "4" + the Socket.IO packet; the frame is a final, unmasked text frame.
      frame ??= (ws as unknown as { Sender: { frame(data: Buffer, o: object): Buffer[] } }).Sender.frame(Buffer.from(`4${packet}`), {
        readOnly: false,
        mask: false,
        rsv1: false,
        opcode: 1,
        fin: true,
      });
      const sender = idleWebSocketSender(conn);
      if (sender) {
        sender.sendFrame(frame);
        if (counters) counters.direct++;
      } else {
        conn.write(packet, { wsPreEncodedFrame: frame });
        if (counters) counters.queued++;
      }
    }
  };
  return fanout;
}

/** The ws sender of a socket whose engine.io and ws both hold nothing unsent, or null. */
function idleWebSocketSender(conn: EngineConn): WsSender | null {
  const transport = conn.transport;
  if (transport.name !== 'websocket' || transport.perMessageDeflate || conn.writeBuffer.length > 0) return null;
  const socket = transport.socket;
  const sender = socket?._sender;
  if (!socket || socket.readyState !== ws.WebSocket.OPEN || typeof sender?.sendFrame !== 'function') return null;
  // ws queues frames behind a compression or a Blob read; writing around that queue would reorder.
  if (sender._state !== 0 || (sender._queue?.length ?? 0) > 0) return null;
  return sender;
}
