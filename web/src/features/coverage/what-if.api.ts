import type { WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The coverage question "what if we moved units / put up a post": answered by the server, never committed. */
export const whatIfApi = {
  ask: (body: WhatIfRequest) => apiRequest<WhatIfReply>('/api/coverage/what-if', { method: 'POST', body }),
};
