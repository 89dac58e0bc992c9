import type { Static, TSchema } from '@sinclair/typebox';
import type { Ack, ClientToServerEvents } from '@lianfang/shared';
import type { SessionClaims } from './users-auth/session-tokens.js';

/** The client→server commands a module answers (resume is the transport's own). */
export type CommandName = Exclude<keyof ClientToServerEvents, 'sync:resume'>;

/** What a command's acknowledgement carries on success, from the shared contract. */
export type ReplyOf<E extends CommandName> = Parameters<ClientToServerEvents[E]>[1] extends (reply: Ack<infer T>) => void ? T : never;

/**
 * A socket command as a module contributes it: its schema, who may send it, and
 * what it does. The socket transport does the rest for every command alike:
 * payload limits, the role check, validation, the acknowledgement, and turning a
 * thrown domain error (or any other failure) into an error reply.
 */
export interface SocketCommand<E extends CommandName = CommandName, S extends TSchema = TSchema> {
  event: E;
  schema: S;
  /** null when this login may send the command; else why not (answered as `forbidden: …`). */
  refuse(session: SessionClaims): string | null;
  handle(input: Static<S>, session: SessionClaims): ReplyOf<E> | Promise<ReplyOf<E>>;
}

/** Keeps the command's event, schema and reply types tied together. */
export const socketCommand = <E extends CommandName, S extends TSchema>(command: SocketCommand<E, S>): SocketCommand<E, S> => command;
