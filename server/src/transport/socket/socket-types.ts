import type { ClientToServerEvents, ServerToClientEvents } from '@lianfang/shared';
import type { Server, Socket } from 'socket.io';
import type { SessionClaims } from '../../modules/users-auth/session-tokens.js';

export interface SocketData {
  session: SessionClaims;
}
export type LianfangServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LianfangSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
