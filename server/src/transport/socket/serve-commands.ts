import type { SocketCommand } from '../../modules/socket-commands.js';
import { DomainError } from '../../modules/domain-errors.js';
import { onCommand, type CommandAck } from './socket-command.js';
import type { LianfangSocket } from './socket-types.js';
import { compileCheck } from './validate.js';

/**
 * Serves the modules' socket commands on one socket, all alike: the role check first (a
 * refused login learns nothing about the input), then validation against the command's
 * schema, then the handler. A domain error is the client's answer (naming its field); any
 * other failure is logged and answered "server error" by `onCommand`, so the tablet retries.
 */
export function commandServer(commands: readonly SocketCommand[]): (socket: LianfangSocket) => void {
  const checked = commands.map((command) => ({ command, check: compileCheck(command.schema) }));
  return (socket) => {
    for (const { command, check } of checked) {
      onCommand(socket, command.event, async (req, ack: CommandAck<typeof command.event>) => {
        const answer = ack as (reply: unknown) => void;
        const session = socket.data.session;
        const why = command.refuse(session);
        if (why !== null) return answer({ error: `forbidden: ${why}` });
        const input = check(req);
        if (!input.ok) return answer(input.error);
        try {
          answer({ data: await command.handle(input.value, session) });
        } catch (err) {
          if (!(err instanceof DomainError) || err.kind === 'unavailable') throw err;
          answer({ error: err.message, ...(err.field ? { details: [{ field: err.field, message: err.message }] } : {}) });
        }
      });
    }
  };
}
