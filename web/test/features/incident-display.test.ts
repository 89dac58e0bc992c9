import { describe, expect, it } from 'vitest';
import { concernsUnit } from '../../src/features/incidents/incident-assignments';
import { alertKindOfTitle, incidentHeadline } from '../../src/features/incidents/incident-headline';
import { isOverdue } from '../../src/features/incidents/incident-urgency';
import { formatElapsed } from '../../src/app/time-format';
import { assignment, incident } from '../support/fixtures';

describe('incident display', () => {
  it('reads the alert kind from the server title and translates it', () => {
    expect(alertKindOfTitle('PANIC · Shop 12')).toEqual({ kind: 'panic', label: 'Shop 12' });
    expect(alertKindOfTitle('Fight outside bar')).toBeNull();
    const t = (key: string) => (key === 'alertKind.sos' ? '紧急求助' : key);
    expect(incidentHeadline(incident({ title: 'SOS · 巡警01' }), t)).toBe('紧急求助 · 巡警01');
    expect(incidentHeadline(incident({ title: 'Fight' }), t)).toBe('Fight');
  });

  it.each([
    [0, '0:00'],
    [59_000, '0:59'],
    [61_000, '1:01'],
    [3_600_000 + 62_000, '1:01:02'],
    [-5000, '0:00'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('turns overdue after five minutes', () => {
    const i = incident({ createdAt: '2025-01-01T08:00:00Z' });
    expect(isOverdue(i, Date.parse('2025-01-01T08:05:00Z'))).toBe(false);
    expect(isOverdue(i, Date.parse('2025-01-01T08:05:01Z'))).toBe(true);
  });
});

describe('incident assignments', () => {
  it('concerns a unit that raised it or is assigned and not done', () => {
    const i = incident({ unitId: 'raiser', assignments: [assignment({ unitId: 'u1' }), assignment({ unitId: 'u2', status: 'cleared' })] });
    expect(['raiser', 'u1', 'u2', 'u3'].map((u) => concernsUnit(i, u))).toEqual([true, true, false, false]);
  });
});
