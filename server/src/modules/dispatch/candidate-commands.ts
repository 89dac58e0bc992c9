import { CandidatesRequestSchema } from '@lianfang/shared';
import { CONTROL_ROOM } from '../users-auth/require-role.js';
import { socketCommand } from '../socket-commands.js';
import type { CandidateDeps } from './candidate-routes.js';

/** `dispatch:candidates`: the wall asks while the operator hovers an incident; same reply as POST /api/candidates. */
export const candidatesCommand = (deps: Pick<CandidateDeps, 'candidates'>) =>
  socketCommand({
    event: 'dispatch:candidates',
    schema: CandidatesRequestSchema,
    refuse: (session) => (CONTROL_ROOM.includes(session.role) ? null : `needs role ${CONTROL_ROOM.join(' or ')}`),
    handle({ lat, lon, ...filters }) {
      return deps.candidates.find({ lat, lon }, filters);
    },
  });
