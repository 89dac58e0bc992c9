import type { StandingCrew, Station, WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The coverage question "what if we moved units / put up a post": answered by the server, never committed. */
export const whatIfApi = {
  ask: (body: WhatIfRequest) => apiRequest<WhatIfReply>('/api/coverage/what-if', { method: 'POST', body }),
};

/** Stations and the standing crew an admin keeps at each (the only way a station covers by itself). */
export const stationCrewApi = {
  list: () => apiRequest<Station[]>('/api/stations'),
  set: (stationId: string, standingCrew: StandingCrew | null) =>
    apiRequest<Station>(`/api/stations/${encodeURIComponent(stationId)}/standing-crew`, { method: 'PUT', body: { standingCrew } }),
};
