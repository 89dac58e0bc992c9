import { CandidatesRequestSchema } from '@lianfang/shared';
import type { Core } from '../../compose.js';
import { CONTROL_ROOM } from '../users-auth/require-role.js';
import { onCommand } from '../../transport/socket/socket-command.js';
import type { LianfangSocket } from '../../transport/socket/socket-types.js';
import { compileCheck } from '../../transport/socket/validate.js';

const checkRequest = compileCheck(CandidatesRequestSchema);

/** `dispatch:candidates`: the wall asks while the operator hovers an incident; same reply as POST /api/candidates. */
export function registerCandidateHandlers(core: Core, socket: LianfangSocket): void {
  onCommand(socket, 'dispatch:candidates', (req, ack) => {
    if (!CONTROL_ROOM.includes(socket.data.session.role)) return ack({ error: `forbidden: needs role ${CONTROL_ROOM.join(' or ')}` });
    const checked = checkRequest(req);
    if (!checked.ok) return ack(checked.error);
    const { lat, lon, ...filters } = checked.value;
    core.candidates.find({ lat, lon }, filters).then(
      (data) => ack({ data }),
      () => ack({ error: 'candidates failed: server error, try again' }),
    );
  });
}
