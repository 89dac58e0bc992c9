import { flushPromises, mount } from '@vue/test-utils';
import type { Candidate, Incident } from '@lianfang/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intakeEn } from '../../src/app/locales/intake.en';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useIncidentDeskStore } from '../../src/features/wall/actions/incident-desk.store';
import { useCallIntakeStore } from '../../src/features/wall/intake/call-intake.store';
import CallIntakePanel from '../../src/features/wall/intake/CallIntakePanel.vue';
import IncidentCallCard from '../../src/features/wall/intake/IncidentCallCard.vue';
import { incident } from '../support/fixtures';
import { testPlugins } from '../support/test-app';

const SITE = { lat: 30.26, lon: 120.17 };

function candidate(unitId: string, callsign: string, etaSeconds: number, available = true): Candidate {
  return {
    unitId,
    callsign,
    force: 'police',
    mode: 'car',
    tier: 'lead',
    status: available ? 'available' : 'busy',
    available,
    etaSeconds,
    rankSeconds: etaSeconds,
    uncertaintySeconds: 0,
    distanceM: 800,
    positionAgeSeconds: 2,
    stale: false,
    fallback: false,
    lat: 0,
    lon: 0,
  };
}

/** The server as the form sees it over HTTP: records each request, answers from a small table. */
function fakeServer(answer: (method: string, path: string, body: Record<string, unknown>) => { status: number; body: unknown }) {
  const requests: { method: string; path: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    const method = init.method ?? 'GET';
    requests.push({ method, path, body });
    const reply = answer(method, path, body);
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  });
  return requests;
}

const created = (over: Partial<Incident> = {}) =>
  incident({ id: 'new-1', source: 'call', status: 'reported', title: 'Fight', updatedAt: new Date().toISOString(), ...over });

function standardServer() {
  return fakeServer((method, path, body) => {
    if (path === '/api/candidates')
      return {
        status: 200,
        body: {
          ...SITE,
          computedAt: '',
          emergencyFactor: 1.3,
          candidates: [candidate('u-busy', 'B-9', 30, false), candidate('u1', 'P-01', 130), candidate('u2', 'P-02', 400)],
        },
      };
    if (path === '/api/incidents' && method === 'POST') return { status: 201, body: created({ category: body.category as Incident['category'] }) };
    if (path === '/api/incidents/new-1/dispatch')
      return { status: 200, body: created({ status: 'dispatched', updatedAt: new Date(Date.now() + 1000).toISOString() }) };
    if (path.endsWith('/calls')) return { status: 200, body: incident({ id: 'dup-1', category: 'public_order', updatedAt: new Date().toISOString() }) };
    return { status: 200, body: { incident: created(), alerts: [], timeline: [] } };
  });
}

function mountForm() {
  const { plugins, i18n } = testPlugins();
  i18n.global.mergeLocaleMessage('en', intakeEn);
  const intake = useCallIntakeStore();
  intake.open(undefined, Date.parse('2026-12-07T03:00:00Z'));
  const wrapper = mount(CallIntakePanel, { global: { plugins }, attachTo: document.body });
  return { wrapper, intake };
}

const key = (key: string, extra: Partial<KeyboardEventInit> = {}) => ({ key, ...extra });

describe('call intake form (keyboard first)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a call logged by keys only: category by digit, suggested priority, typed location, Ctrl+Enter creates and sends the first available unit', async () => {
    const requests = standardServer();
    const { wrapper, intake } = mountForm();
    await flushPromises();
    const category = wrapper.get('[data-testid=intake-category]');
    // The cursor starts in the category field.
    expect(document.activeElement).toBe(category.element);

    await category.trigger('keydown', key('2'));
    expect(intake.category).toBe('public_order');
    expect(intake.priority).toBe('P2');
    expect(wrapper.text()).toContain('suggested P2');
    // A different category moves the suggestion while the operator has not chosen a priority…
    await category.trigger('keydown', key('1'));
    expect(intake.priority).toBe('P1');
    // …and never after they did.
    await wrapper.get('[data-testid=intake-priority]').trigger('keydown', key('3'));
    await category.trigger('keydown', key('2'));
    expect([intake.category, intake.priority]).toEqual(['public_order', 'P3']);

    // Nothing to send before there is a location.
    expect(wrapper.get('[data-testid=intake-missing]').text()).toBe('Set the location');
    const coords = wrapper.get('[data-testid=intake-coords]');
    await coords.setValue('30.26，120.17');
    expect(intake.point).toEqual(SITE);
    // Asked once the typing pauses, with what the case needs (its category ranks the units).
    await vi.waitFor(() => expect(requests.find((r) => r.path === '/api/candidates')?.body).toEqual({ ...SITE, category: 'public_order', limit: 5 }));
    await flushPromises();
    // Busy units are not offered; the first available one is what Ctrl+Enter sends.
    const rows = wrapper.findAll('[data-testid=intake-candidate]');
    expect(rows.map((r) => r.attributes('data-unit-id'))).toEqual(['u1', 'u2']);
    expect(rows[0]!.text()).toContain('Ctrl+Enter');
    expect(wrapper.get('[data-testid=intake-create-dispatch]').text()).toContain('P-01');

    await wrapper.get('[data-testid=intake-address]').setValue('12 Anhe Road');
    await wrapper.get('[data-testid=intake-caller]').setValue('Mr Wang');
    await wrapper.get('[data-testid=intake-callback]').setValue('138 0000 1234');
    const description = wrapper.get('[data-testid=intake-description]');
    await description.setValue('Two men fighting');
    // Enter in the description is a new line, not a submit.
    await description.trigger('keydown', key('Enter'));
    expect(requests.filter((r) => r.path === '/api/incidents')).toHaveLength(0);

    await description.trigger('keydown', key('Enter', { ctrlKey: true }));
    await flushPromises();
    const create = requests.find((r) => r.path === '/api/incidents')!;
    expect(create.body).toEqual({
      category: 'public_order',
      priority: 'P3',
      title: 'Public order · 12 Anhe Road',
      ...SITE,
      source: 'call',
      callReceivedAt: '2026-12-07T03:00:00.000Z',
      callerName: 'Mr Wang',
      callbackNumber: '138 0000 1234',
      address: '12 Anhe Road',
      description: 'Two men fighting',
    });
    expect(requests.find((r) => r.path === '/api/incidents/new-1/dispatch')?.body).toEqual({ unitIds: ['u1'] });
    expect(intake.isOpen).toBe(false);
    expect(intake.outcome).toMatchObject({ kind: 'dispatched', callsign: 'P-01', incidentId: 'new-1' });
    // The desk takes over with the new incident, already in the live store.
    expect(useIncidentDeskStore().openId).toBe('new-1');
    expect(useIncidentsStore().get('new-1')?.status).toBe('dispatched');
    wrapper.unmount();
  });

  it('Enter in a field creates without dispatching; Esc closes without sending anything', async () => {
    const requests = standardServer();
    const { wrapper, intake } = mountForm();
    await wrapper.get('[data-testid=intake-category]').trigger('keydown', key('4'));
    await wrapper.get('[data-testid=intake-coords]').setValue('30.26 120.17');
    await flushPromises();
    await wrapper.get('[data-testid=intake-address]').trigger('keydown', key('Enter'));
    await flushPromises();
    expect(requests.filter((r) => r.path === '/api/incidents')).toHaveLength(1);
    expect(requests.some((r) => r.path.endsWith('/dispatch'))).toBe(false);
    expect(intake.outcome?.kind).toBe('created');
    wrapper.unmount();

    const again = mountForm();
    await again.wrapper.get('[data-testid=intake-caller]').trigger('keydown', key('Escape'));
    expect(again.intake.isOpen).toBe(false);
    expect(requests.filter((r) => r.path === '/api/incidents')).toHaveLength(1);
    again.wrapper.unmount();
  });

  it('Ctrl+Enter pressed before the candidates arrived waits for them and sends the first unit for this point', async () => {
    const requests = standardServer();
    const { wrapper } = mountForm();
    await wrapper.get('[data-testid=intake-category]').trigger('keydown', key('1'));
    await wrapper.get('[data-testid=intake-coords]').setValue('30.26, 120.17');
    await wrapper.get('[data-testid=intake-coords]').trigger('keydown', key('Enter', { ctrlKey: true }));
    await vi.waitFor(() => expect(requests.find((r) => r.path.endsWith('/dispatch'))?.body).toEqual({ unitIds: ['u1'] }));
    const order = requests.map((r) => r.path);
    expect(order.indexOf('/api/candidates')).toBeLessThan(order.indexOf('/api/incidents'));
    expect(order.indexOf('/api/incidents')).toBeLessThan(order.indexOf('/api/incidents/new-1/dispatch'));
    wrapper.unmount();
  });

  it('offers an open incident of the same category nearby, and Alt+J joins the call to it', async () => {
    const requests = standardServer();
    const { wrapper, intake } = mountForm();
    useIncidentsStore().replaceAll([
      incident({ id: 'dup-1', category: 'public_order', lat: SITE.lat + 0.001, lon: SITE.lon, title: 'Brawl at the market' }),
      incident({ id: 'other-kind', category: 'fire', lat: SITE.lat, lon: SITE.lon }),
    ]);
    await wrapper.get('[data-testid=intake-category]').trigger('keydown', key('2'));
    await wrapper.get('[data-testid=intake-coords]').setValue('30.26, 120.17');
    await flushPromises();
    const offered = wrapper.findAll('[data-testid=intake-duplicate]');
    expect(offered.map((d) => d.attributes('data-incident-id'))).toEqual(['dup-1']);
    expect(offered[0]!.text()).toContain('111 m');
    expect(offered[0]!.text()).toContain('Alt+J');

    await wrapper.get('[data-testid=intake-caller]').setValue('Ms Li');
    await wrapper.get('[data-testid=intake-callback]').setValue('139 0000 5678');
    await wrapper.get('[data-testid=intake-caller]').trigger('keydown', key('j', { altKey: true }));
    await flushPromises();
    const join = requests.find((r) => r.path === '/api/incidents/dup-1/calls');
    expect(join?.body).toEqual({ callerName: 'Ms Li', callbackNumber: '139 0000 5678', callReceivedAt: '2026-12-07T03:00:00.000Z' });
    expect(requests.some((r) => r.path === '/api/incidents')).toBe(false);
    expect(intake.isOpen).toBe(false);
    expect(useIncidentDeskStore().openId).toBe('dup-1');
    wrapper.unmount();
  });

  it('a refused field is named and the form keeps what was typed', async () => {
    fakeServer((_m, path) =>
      path === '/api/incidents'
        ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'callbackNumber: must match pattern', field: 'callbackNumber' } }
        : { status: 200, body: { ...SITE, computedAt: '', emergencyFactor: 1.3, candidates: [] } },
    );
    const { wrapper, intake } = mountForm();
    await wrapper.get('[data-testid=intake-category]').trigger('keydown', key('9'));
    await wrapper.get('[data-testid=intake-coords]').setValue('30.26, 120.17');
    await wrapper.get('[data-testid=intake-callback]').setValue('call me');
    await vi.waitFor(() => expect(wrapper.text()).toContain('No available unit nearby'));
    await wrapper.get('[data-testid=intake-callback]').trigger('keydown', key('Enter'));
    await flushPromises();
    expect(intake.isOpen).toBe(true);
    expect(wrapper.get('[data-testid=intake-error]').text()).toContain('callbackNumber');
    expect(wrapper.get('[data-testid=intake-callback]').attributes('aria-invalid')).toBe('true');
    expect(intake.fields.callbackNumber).toBe('call me');
    wrapper.unmount();
  });

  it('opened from the map menu, the form shows the point picked there', async () => {
    standardServer();
    const { plugins, i18n } = testPlugins();
    i18n.global.mergeLocaleMessage('en', intakeEn);
    useCallIntakeStore().open(SITE);
    const wrapper = mount(CallIntakePanel, { global: { plugins }, attachTo: document.body });
    expect((wrapper.get('[data-testid=intake-coords]').element as HTMLInputElement).value).toBe('30.260000, 120.170000');
    expect(wrapper.text()).toContain('Picked on the map');
    wrapper.unmount();
  });

  it('a click on the map sets the location and gives the keyboard back to the form', async () => {
    standardServer();
    const { wrapper, intake } = mountForm();
    (document.activeElement as HTMLElement | null)?.blur();
    intake.setPoint(SITE, 'map');
    await flushPromises();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('intake-category');
    expect((wrapper.get('[data-testid=intake-coords]').element as HTMLInputElement).value).toBe('30.260000, 120.170000');
    // With the category known, the next thing to take down is the address.
    intake.setCategory('fire');
    (document.activeElement as HTMLElement | null)?.blur();
    intake.setPoint({ lat: 30.27, lon: 120.17 }, 'map');
    await flushPromises();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('intake-address');
    wrapper.unmount();
  });

  it('bad typed coordinates are flagged and set no location', async () => {
    standardServer();
    const { wrapper, intake } = mountForm();
    await wrapper.get('[data-testid=intake-coords]').setValue('30.26');
    expect(intake.point).toBeNull();
    expect(wrapper.get('[data-testid=intake-coords]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('Coordinates as: lat, lon');
    wrapper.unmount();
  });

  it('the open incident shows who called, the callback number, where and what; nothing for an incident nobody phoned in', () => {
    const { plugins, i18n } = testPlugins();
    i18n.global.mergeLocaleMessage('en', intakeEn);
    const called = incident({
      callerName: 'Mr Wang',
      callbackNumber: '138 0000 1234',
      address: '12 Anhe Road',
      description: 'Two men fighting',
      callReceivedAt: '2026-12-07T03:00:00Z',
    });
    const card = mount(IncidentCallCard, { props: { incident: called }, global: { plugins } });
    expect(card.get('[data-testid=incident-callback]').text()).toContain('138 0000 1234');
    expect(card.text()).toContain('Mr Wang');
    expect(card.text()).toContain('12 Anhe Road');
    expect(card.text()).toContain('Two men fighting');
    expect(
      mount(IncidentCallCard, { props: { incident: incident() }, global: { plugins } })
        .find('[data-testid=incident-call]')
        .exists(),
    ).toBe(false);
  });
});
