import { mount } from '@vue/test-utils';
import type { Priority, TimelineEntry } from '@lianfang/shared';
import { TIMELINE_KINDS } from '@lianfang/shared';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useUnitsStore } from '../../src/features/units/units.store';
import IncidentQueue from '../../src/features/wall/components/IncidentQueue.vue';
import DeskTimeline from '../../src/features/wall/desk/DeskTimeline.vue';
import { assignment, incident, unit } from '../support/fixtures';
import { wallScreenI18n } from '../support/wall-screen-i18n';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function plugins(locale: 'zh-CN' | 'en') {
  const pinia = createPinia();
  setActivePinia(pinia);
  return [pinia, wallScreenI18n(locale)];
}

describe('wall queue at 1080p', () => {
  it('renders every open incident and keeps every P1 in the pinned block, whatever the count', () => {
    const global = { plugins: plugins('en') };
    useUnitsStore().replaceAll(Array.from({ length: 12 }, (_, n) => unit({ id: uuid(n), callsign: `U-${n}` })));
    const priorities: Priority[] = ['P3', 'P2', 'P4', 'P2', 'P3', 'P1', 'P4', 'P2', 'P3', 'P1', 'P2', 'P4', 'P1', 'P3', 'P1', 'P2'];
    useIncidentsStore().replaceAll(
      priorities.map((priority, n) =>
        incident({
          id: `inc-${n}`,
          priority,
          createdAt: new Date(Date.UTC(2026, 0, 1, 8, n)).toISOString(),
          // The last P1 is the one that was hidden before: nine units on it.
          assignments: n === 14 ? Array.from({ length: 9 }, (_, u) => assignment({ unitId: uuid(u) })) : [],
        }),
      ),
    );
    const wrapper = mount(IncidentQueue, { global });
    const rows = wrapper.findAll('[data-testid=queue-item]');
    expect(rows).toHaveLength(priorities.length);
    expect(wrapper.find('[data-testid=queue-count]').text()).toBe(String(priorities.length));
    const pinned = wrapper.findAll('[data-testid=queue-pinned] [data-testid=queue-item]');
    expect(pinned.map((r) => r.attributes('data-priority'))).toEqual(['P1', 'P1', 'P1', 'P1']);
    // Oldest P1 first; the rest scrolls below in urgency order (P2s before P3s before P4s).
    expect(pinned.map((r) => r.attributes('data-incident-id'))).toEqual(['inc-5', 'inc-9', 'inc-12', 'inc-14']);
    const rest = wrapper.findAll('[data-testid=queue-list] [data-testid=queue-item]').map((r) => r.attributes('data-priority'));
    expect(rest).toEqual([...rest].sort());
    expect(rest).not.toContain('P1');
    // The nine-unit P1 names three callsigns and counts the others.
    expect(pinned[3]!.find('[data-testid=queue-units]').text()).toBe('U-0 · U-1 · U-2 · +6');
    expect(wrapper.text()).not.toContain('not shown');
  });
});

describe('desk timeline', () => {
  const entries: TimelineEntry[] = TIMELINE_KINDS.map((kind, n) => ({
    at: new Date(Date.UTC(2026, 0, 1, 8, 0, n)).toISOString(),
    actor: n % 3 === 0 ? `device:${uuid(90)}` : n % 3 === 1 ? `unit:${uuid(1)}` : 'user:operator',
    actorName: n % 3 === 0 ? '报警按钮 3' : n % 3 === 1 ? null : 'operator',
    kind,
    data: { unitId: uuid(n % 4), unitIds: [uuid(5), uuid(6)], from: 'grid', to: 'street', departments: ['fire'] },
  }));

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders all ${TIMELINE_KINDS.length} entries newest first, by name, in ${locale}`, () => {
      const global = { plugins: plugins(locale) };
      useUnitsStore().replaceAll(Array.from({ length: 7 }, (_, n) => unit({ id: uuid(n), callsign: `巡逻0${n}` })));
      const wrapper = mount(DeskTimeline, { props: { entries }, global });
      const lines = wrapper.findAll('[data-testid=desk-timeline-entry]');
      expect(lines).toHaveLength(entries.length);
      expect(lines[0]!.attributes('data-kind')).toBe(entries.at(-1)!.kind);
      expect(lines.at(-1)!.attributes('data-kind')).toBe(entries[0]!.kind);
      const text = wrapper.text();
      expect(text).not.toMatch(UUID);
      for (const kind of TIMELINE_KINDS) if (kind.includes('_')) expect(text).not.toContain(kind);
      expect(text).not.toMatch(/\b(device|unit|user):/);
      expect(text).toContain('巡逻05');
    });
  }
});
