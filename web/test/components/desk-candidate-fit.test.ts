import { flushPromises, mount } from '@vue/test-utils';
import type { Candidate, CandidatesReply } from '@lianfang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useIncidentDeskStore } from '../../src/features/wall/actions/incident-desk.store';
import IncidentDeskPanel from '../../src/features/wall/desk/IncidentDeskPanel.vue';
import { incident } from '../support/fixtures';
import { testPlugins } from '../support/test-app';

const candidate = (unitId: string, over: Partial<Candidate>): Candidate => ({
  unitId,
  callsign: unitId.toUpperCase(),
  force: 'police',
  mode: 'car',
  status: 'available',
  tier: 'lead',
  available: true,
  etaSeconds: 120,
  rankSeconds: 120,
  uncertaintySeconds: 0,
  distanceM: 900,
  positionAgeSeconds: 3,
  stale: false,
  fallback: false,
  lat: 0,
  lon: 0,
  ...over,
});
const reply = (candidates: Candidate[]): CandidatesReply => ({ lat: 0, lon: 0, computedAt: '2025-01-01T08:00:00Z', emergencyFactor: 1.3, candidates });

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });

describe('desk candidates: capability tiers and filters', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('prints each candidate’s tier by name and orders the force chips by their part in the category', async () => {
    const { plugins } = testPlugins();
    useIncidentsStore().replaceAll([incident({ id: 'i1', category: 'fire' })]);
    const desk = useIncidentDeskStore();
    desk.openId = 'i1';
    desk.candidates = reply([
      candidate('f1', { force: 'fire', tier: 'lead' }),
      candidate('p1', { force: 'police', tier: 'support' }),
      candidate('v1', { force: 'volunteer', tier: 'assist' }),
    ]);
    const wrapper = mount(IncidentDeskPanel, { global: { plugins } });
    await wrapper.vm.$nextTick();
    expect(wrapper.findAll('[data-testid=candidate-tier]').map((t) => t.text())).toEqual(['Lead', 'Support', 'Assist']);
    const chips = wrapper.findAll('[data-testid^=filter-force-]').map((c) => c.attributes('data-testid'));
    // All, then fire (lead), police (support): the order of the capability table.
    expect(chips.slice(0, 3)).toEqual(['filter-force-all', 'filter-force-fire', 'filter-force-police']);
    expect(wrapper.get('[data-testid=filter-force-all]').attributes('aria-pressed')).toBe('true');
    // Buttons, so Tab reaches them and Space/Enter press them.
    expect(wrapper.get('[data-testid=filter-mode-foot]').element.tagName).toBe('BUTTON');
  });

  it('asks the server again with the chosen force and mode, marks a force of no part, and a second press clears it', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      const body = url.includes('/candidates')
        ? reply([candidate('m1', { force: 'medical', tier: 'none' })])
        : { incident: incident({ id: 'i1' }), alerts: [], timeline: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const { plugins } = testPlugins();
    useIncidentsStore().replaceAll([incident({ id: 'i1', category: 'public_order' })]);
    const desk = useIncidentDeskStore();
    desk.openId = 'i1';
    const wrapper = mount(IncidentDeskPanel, { global: { plugins } });
    await wrapper.get('[data-testid=filter-force-medical]').trigger('click');
    await flushPromises();
    expect(urls.filter((u) => u.includes('/candidates')).at(-1)).toContain('force=medical');
    expect(wrapper.get('[data-testid=filter-force-medical]').attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-testid=filter-force-medical]').classes()).toContain('nopart');
    expect(wrapper.find('[data-testid=filter-no-part]').exists()).toBe(true);
    expect(wrapper.get('[data-testid=candidate-tier]').text()).toBe('No part');

    await wrapper.get('[data-testid=filter-mode-foot]').trigger('click');
    await flushPromises();
    expect(urls.filter((u) => u.includes('/candidates')).at(-1)).toMatch(/force=medical&mode=foot/);
    await wrapper.get('[data-testid=filter-force-medical]').trigger('click');
    await flushPromises();
    const last = urls.filter((u) => u.includes('/candidates')).at(-1)!;
    expect(last).not.toContain('force=');
    expect(last).toContain('mode=foot');
    expect(desk.filter).toEqual({ force: null, mode: 'foot' });
  });
});
