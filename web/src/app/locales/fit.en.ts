import type { FitMessages } from './fit.zh-CN';

/** English strings of the candidates' capability tiers, the candidate filters and the needs-help status. */
export const fitEn: FitMessages = {
  fit: {
    tier: { lead: 'Lead', support: 'Support', assist: 'Assist', none: 'No part' },
    filters: 'Candidate filters',
    force: 'Force',
    mode: 'Mode',
    all: 'All',
    tierNoneHint: 'No part: listed only when filtered by force',
    col: { needsHelp: 'Needs help' },
  },
};
