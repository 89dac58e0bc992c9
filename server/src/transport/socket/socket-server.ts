import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { INTAKE_ROOM, OPS_ROOM, type EmitTo } from './broadcaster.js';
import { SESSION_COOKIE } from '../../modules/users-auth/session-cookie.js';
import { captainFeedOf, isCaptain } from './captain-feed.js';
import type { JournalledPress } from '@lianfang/shared';
import type { SocketCommand } from '../../modules/socket-commands.js';
import { commandServer } from './serve-commands.js';
import { onCommand, setCommandFailureLog } from './socket-command.js';
import { createRoomFanout } from './room-fanout.js';
import { bringUpToDate, type ResumeDeps, type ResumePoint } from './resume.js';
import { SessionSweep } from './session-sweep.js';
import { SlowConsumerGuard } from './slow-consumer-guard.js';
import type { LianfangServer, LianfangSocket } from './socket-types.js';
import type { SessionStore } from '../../modules/users-auth/session-store.js';
import type { Config } from '../../config.js';

/** Sessions to check a handshake against, plus what resume needs. */
export interface SocketDeps extends ResumeDeps {
  sessions: SessionStore;
  config: Pick<Config, 'SOCKET_MAX_PENDING_BYTES' | 'POSITION_FLUSH_MS' | 'SESSION_SWEEP_MS'>;
  /** Presses received while PostgreSQL is away and not yet recorded (null: no intake journal). */
  journal: { pending(): Promise<JournalledPress[]> } | null;
}

/** `allowRequest`: the handshake's origin check (plugins/external/origin-check.ts). */
export function createSocketServer(httpServer: HttpServer, options: Pick<Partial<ServerOptions>, 'allowRequest'> = {}): { io: LianfangServer; emitTo: EmitTo } {
  const io: LianfangServer = new Server(httpServer, {
    ...options,
    path: '/socket.io',
    serveClient: false,
    // Screens sit on flaky links: detect a dead peer within ~25 s, and cap a message at 1 MB.
    pingInterval: 10_000,
    pingTimeout: 15_000,
    maxHttpBufferSize: 1_000_000,
  });
  const captains = captainFeedOf(io);
  const fanout = createRoomFanout(io);
  const emitTo: EmitTo = (room, event, ...args) => {
    fanout(room, event, args[0]);
    // Everything for the control room also goes, filtered per captain, to the tablets.
    if (room === OPS_ROOM) captains.forward(event, args[0]);
  };
  return { io, emitTo };
}

/** Login is checked in the handshake: no open session, no socket. Returns what runs beside the sockets (started; stop them on close). */
export function attachSocketHandlers(
  io: LianfangServer,
  deps: SocketDeps,
  commands: readonly SocketCommand[],
  log?: { warn(details: object, message: string): void; error(details: object, message: string): void },
): { stop(): void } {
  const serveCommands = commandServer(commands);
  if (log) setCommandFailureLog(io, log);
  const guard = new SlowConsumerGuard(io, {
    maxPendingBytes: deps.config.SOCKET_MAX_PENDING_BYTES,
    checkEveryMs: Math.max(100, deps.config.POSITION_FLUSH_MS),
    onDrop: (socket, pendingBytes) => {
      deps.metrics.slowConsumerDrops.inc();
      log?.warn(
        { user: socket.data.session.username, address: socket.handshake.address, pendingBytes },
        'slow consumer: socket dropped, it resumes from a snapshot',
      );
    },
  });
  guard.start();
  captainFeedOf(io).usePicture(deps.picture);
  // Ended logins lose their sockets: at once on this instance, within a sweep on the others.
  const sweep = new SessionSweep(io, deps.sessions, deps.config.SESSION_SWEEP_MS);
  sweep.start();
  io.use((socket, next) => {
    // A throw here would escape socket.io's middleware chain and end the process: refuse instead.
    try {
      const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : cookieToken(socket.handshake.headers.cookie);
      deps.sessions.resolve(token).then(
        (session) => {
          if (!session) return next(new Error('unauthorized: login required'));
          socket.data.session = session;
          next();
        },
        () => next(new Error('unavailable: try again')),
      );
    } catch (err) {
      log?.warn({ err, address: socket.handshake.address }, 'socket handshake refused: the check failed');
      next(new Error('unauthorized: login required'));
    }
  });

  io.on('connection', (socket) => {
    deps.metrics.connectedClients.inc();
    // A login ends when its token does, also for a socket that stays open.
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(0, socket.data.session.exp - Date.now()), 2 ** 31 - 1));
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      deps.metrics.connectedClients.dec();
    });
    const handshake = resumePointOf(socket.handshake.auth);
    if (guard.takeDropped(socket)) handshake.lastSeq = undefined;
    void bringUpToDate(deps, socket, handshake).catch(() => socket.disconnect(true));
    if (deps.journal && !isCaptain(socket)) void showJournalled(socket, deps.journal);

    onCommand(socket, 'sync:resume', (req, ack) => {
      return bringUpToDate(deps, socket, resumePointOf(req)).then(
        (data) => ack({ data }),
        () => ack({ error: 'resume failed, try again' }),
      );
    });
    serveCommands(socket);
  });
  return {
    stop: () => {
      guard.stop();
      sweep.stop();
    },
  };
}

/** A control-room screen hears of journalled presses: those waiting now, then each new one (INTAKE_ROOM). */
async function showJournalled(socket: LianfangSocket, journal: NonNullable<SocketDeps['journal']>): Promise<void> {
  socket.join(INTAKE_ROOM);
  const presses = await journal.pending().catch(() => []);
  if (presses.length > 0) socket.emit('intake:journalled', { presses });
}

/** The session cookie's token; a value with bad percent-encoding (`%E0%A4%A`) is no token, never a throw. */
/** The resume point a client sent (handshake auth or `sync:resume`); anything malformed counts as absent. */
function resumePointOf(input: unknown): ResumePoint {
  const { lastSeq, history } = input && typeof input === 'object' ? (input as { lastSeq?: unknown; history?: unknown }) : {};
  return {
    lastSeq: typeof lastSeq === 'number' ? lastSeq : undefined,
    // Not absent when malformed: a value that cannot be this history's name must not allow a replay.
    history: history === undefined ? undefined : typeof history === 'string' ? history.slice(0, 64) : '',
  };
}

function cookieToken(header: string | undefined): string | undefined {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
