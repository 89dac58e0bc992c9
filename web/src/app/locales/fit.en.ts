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
    // Short: the unit board has eight columns at 1080p.
    col: { needsHelp: 'SOS' },
    // Short names so the force chips stay on one line of the desk.
    forceShort: {
      police: 'Police',
      security: 'Security',
      merchant_guard: 'Shop guard',
      volunteer: 'Volunteer',
      fire: 'Fire',
      medical: 'Medical',
      city_mgmt: 'City mgmt',
    },
  },
};
