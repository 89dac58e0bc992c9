import { mount } from '@vue/test-utils';
import type { Candidate } from '@lianfang/shared';
import { describe, expect, it } from 'vitest';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useUnitsStore } from '../../src/features/units/units.store';
import { useIncidentDeskStore } from '../../src/features/wall/actions/incident-desk.store';
import IncidentDeskPanel from '../../src/features/wall/desk/IncidentDeskPanel.vue';
import { assignment, incident, unit } from '../support/fixtures';
import { testPlugins } from '../support/test-app';

function candidate(unitId: string, callsign: string, etaSeconds: number | null, over: Partial<Candidate> = {}): Candidate {
  return {
    unitId,
    callsign,
    force: 'police',
    mode: 'car',
    status: 'available',
    tier: 'lead',
    available: true,
    etaSeconds,
    rankSeconds: etaSeconds,
    uncertaintySeconds: 0,
    distanceM: 1500,
    positionAgeSeconds: 2,
    stale: false,
    fallback: false,
    lat: 0,
    lon: 0,
    ...over,
  };
}

// happy-dom lays nothing out: give lists a wall-sized height so "what fits" is more than one row.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });

describe('incident desk panel', () => {
  it('prints units on the incident with their state, and numbered candidates without them', async () => {
    const { plugins } = testPlugins();
    useUnitsStore().replaceAll([
      unit({ id: 'u1', callsign: 'P-01' }),
      unit({ id: 'u2', callsign: 'P-02' }),
      unit({ id: 'u3', callsign: 'F-07', force: 'fire' }),
    ]);
    useIncidentsStore().replaceAll([
      incident({
        id: 'i1',
        status: 'acknowledged',
        assignments: [assignment({ unitId: 'u1', status: 'acknowledged', acknowledgedAt: '2025-01-01T08:01:00Z' })],
      }),
    ]);
    const desk = useIncidentDeskStore();
    desk.openId = 'i1';
    desk.candidates = {
      lat: 0,
      lon: 0,
      computedAt: '2025-01-01T08:00:00Z',
      emergencyFactor: 1.3,
      candidates: [
        candidate('u1', 'P-01', 60),
        candidate('u2', 'P-02', 150, { stale: true }),
        candidate('u3', 'F-07', null, { available: false, status: 'busy' }),
      ],
    };
    const wrapper = mount(IncidentDeskPanel, { global: { plugins } });
    await wrapper.vm.$nextTick();

    const rows = wrapper.findAll('[data-testid=assignment]');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('P-01');
    expect(rows[0]!.text()).toContain('Acknowledged');
    expect(wrapper.get('[data-testid=desk-status]').text()).toBe('Acknowledged');

    // P-01 is already on it: not offered again; the others are numbered as their keys.
    const offered = wrapper.findAll('[data-testid=candidate]');
    expect(offered.map((c) => c.attributes('data-unit-id'))).toEqual(['u2', 'u3']);
    expect(offered[0]!.text()).toMatch(/^1/);
    expect(offered[0]!.text()).toContain('3 min');
    expect(offered[0]!.text()).toContain('old fix');
    expect(offered[1]!.text()).toContain('not within 30 min');
    expect(offered[1]!.text()).toContain('Busy');

    // Nothing picked: dispatch is disabled and says so by its count.
    expect(wrapper.get('[data-testid=dispatch]').attributes('disabled')).toBeDefined();
    await offered[0]!.trigger('click');
    expect(desk.picked).toEqual(['u2']);
    expect(wrapper.get('[data-testid=dispatch]').text()).toContain('Dispatch (1)');
    expect(wrapper.get('[data-testid=dispatch]').attributes('disabled')).toBeUndefined();
  });

  it('asks for the outcome before resolving, and for confirmation before escalating', async () => {
    const { plugins } = testPlugins();
    useIncidentsStore().replaceAll([incident({ id: 'i1', status: 'on_scene' })]);
    const desk = useIncidentDeskStore();
    desk.openId = 'i1';
    const wrapper = mount(IncidentDeskPanel, { global: { plugins } });
    await wrapper.get('[data-testid=resolve]').trigger('click');
    expect(wrapper.findAll('[data-testid^=outcome-]')).toHaveLength(6);
    expect(wrapper.text()).toContain('Solved on site');
    desk.setMode('dispatch');
    await wrapper.vm.$nextTick();
    await wrapper.get('[data-testid=escalate]').trigger('click');
    expect(wrapper.find('[data-testid=confirm-escalate]').exists()).toBe(true);
  });

  it('closes when the incident leaves the live picture', async () => {
    const { plugins } = testPlugins();
    const incidents = useIncidentsStore();
    incidents.replaceAll([incident({ id: 'i1', status: 'on_scene' })]);
    const desk = useIncidentDeskStore();
    desk.openId = 'i1';
    const wrapper = mount(IncidentDeskPanel, { global: { plugins } });
    expect(wrapper.find('[data-testid=incident-desk]').exists()).toBe(true);
    incidents.upsert(incident({ id: 'i1', status: 'resolved' }));
    await wrapper.vm.$nextTick();
    await wrapper.vm.$nextTick();
    expect(desk.openId).toBeNull();
    expect(wrapper.find('[data-testid=incident-desk]').exists()).toBe(false);
  });
});
