import type { AckError, ClientToServerEvents } from '@lianfang/shared';
import { controlCharIssue } from '../http/control-chars.js';
import { payloadLimitIssue } from './payload-limits.js';
import type { LianfangServer, LianfangSocket } from './socket-types.js';
import { ackErrorOf } from './validate.js';

export type CommandName = keyof ClientToServerEvents;
export type CommandAck<E extends CommandName> = Parameters<ClientToServerEvents[E]>[1];
export interface CommandFailureLog {
  error(details: object, message: string): void;
}

// Starts as the tablet's outbox expects of a failure worth retrying (web/src/realtime/outbox/socket-command-transport.ts).
export const SERVER_ERROR_ACK: AckError = { error: 'not accepted: server error, nothing was done; try again' };

// Per socket.io server, so that two apps in one test process each log to their own logger.
const failureLogs = new WeakMap<LianfangServer, CommandFailureLog>();

/** Where command failures of this server are logged (attachSocketHandlers sets it). */
export function setCommandFailureLog(io: LianfangServer, log: CommandFailureLog): void {
  failureLogs.set(io, log);
}

/** The payload's first problem as an ack: too big or deep, or a control character in a string. */
export function payloadIssueAck(payload: unknown): AckError | null {
  const issue = payloadLimitIssue(payload) ?? controlCharIssue(payload);
  return issue ? ackErrorOf(issue) : null;
}

/**
 * Registers a client→server command so that nothing a client sends can hurt the process.
 * Without an ack function the message is dropped (there is nobody to answer); the payload's size,
 * depth and text are checked before the handler (and anything recursive) sees it; the ack answers
 * at most once; a throw or a rejection in the handler is logged and answered with an error
 * instead of escaping — an escaped exception in a socket listener ends the process.
 */
export function onCommand<E extends CommandName>(socket: LianfangSocket, event: E, handler: (req: unknown, ack: CommandAck<E>) => unknown): void {
  const listener = (...args: unknown[]): void => {
    // socket.io hands the ack over as the last argument, whatever came before it.
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const req = args.length > 1 ? args[0] : undefined;
    let answered = false;
    const reply = (message: unknown): void => {
      if (answered) return;
      answered = true;
      (ack as (message: unknown) => void)(message);
    };
    const fail = (err: unknown): void => {
      failureLogs.get(socket.nsp.server)?.error({ err, event, user: socket.data.session?.username }, 'socket command failed');
      reply(SERVER_ERROR_ACK);
    };
    const refused = payloadIssueAck(req);
    if (refused) return reply(refused);
    try {
      const result = handler(req, reply as CommandAck<E>);
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(event, listener);
}
