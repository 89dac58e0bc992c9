import { CandidatesRequestSchema } from '@lianfang/shared';
import type { Core } from '../../compose.js';
import { CONTROL_ROOM } from '../users-auth/require-role.js';
import { socketCommand } from '../socket-commands.js';

/** `dispatch:candidates`: the wall asks while the operator hovers an incident; same reply as POST /api/candidates. */
export const candidatesCommand = (core: Core) =>
  socketCommand({
    event: 'dispatch:candidates',
    schema: CandidatesRequestSchema,
    refuse: (session) => (CONTROL_ROOM.includes(session.role) ? null : `needs role ${CONTROL_ROOM.join(' or ')}`),
    handle({ lat, lon, ...filters }) {
      return core.candidates.find({ lat, lon }, filters);
    },
  });
