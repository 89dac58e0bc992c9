import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '@lianfang/shared';
import { io, type Socket } from 'socket.io-client';

export type LianfangClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the one Socket.IO connection of this screen. `auth` is a function so
 * every reconnect sends the current lastSeq and gets a replay, not a snapshot.
 * WebSocket first: behind the load balancer long-polling would need sticky sessions.
 */
export function openRealtimeSocket(getAuth: () => Partial<SocketAuth>, url?: string): LianfangClientSocket {
  const options = {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    auth: (cb: (data: object) => void) => cb(getAuth()),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
  };
  return url ? io(url, options) : io(options);
}
