import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AlertBanner from '../../src/features/wall/components/AlertBanner.vue';
import IncidentCard from '../../src/features/wall/components/IncidentCard.vue';
import UnitStatusBoard from '../../src/features/wall/components/UnitStatusBoard.vue';
import { useAlertsStore } from '../../src/features/alerts/alerts.store';
import { useGeoStore } from '../../src/features/geo/geo.store';
import { useIncidentsStore } from '../../src/features/incidents/incidents.store';
import { useUnitsStore } from '../../src/features/units/units.store';
import ConnectionBadge from '../../src/shared-ui/ConnectionBadge.vue';
import { useSocketStore } from '../../src/realtime/socket.store';
import { alert, incident, position, unit } from '../support/fixtures';
import { testPlugins } from '../support/test-app';

describe('wall components', () => {
  it('shows one alert banner with kind, place and a press counter that updates', async () => {
    const { plugins } = testPlugins();
    const now = new Date().toISOString();
    useGeoStore().replaceAll({
      grids: [
        {
          id: 'st',
          name: 'Anhe Street',
          level: 'street',
          parentId: null,
          ring: [
            [0, 0],
            [1, 0],
            [1, 1],
          ],
          leader: null,
          contacts: [],
        },
        {
          id: 'g1',
          name: 'Grid 1',
          level: 'grid',
          parentId: 'st',
          ring: [
            [0, 0],
            [1, 0],
            [1, 1],
          ],
          leader: null,
          contacts: [],
        },
      ],
      stations: [],
      teams: [],
    });
    const i = incident({ gridId: 'g1', createdAt: now });
    useIncidentsStore().upsert(i);
    const alerts = useAlertsStore();
    alerts.record(alert({ kind: 'panic', receivedAt: now }), i);
    const wrapper = mount(AlertBanner, { global: { plugins } });
    expect(wrapper.findAll('[data-testid=alert-banner]')).toHaveLength(1);
    expect(wrapper.text()).toContain('Panic button');
    expect(wrapper.text()).toContain('Anhe Street › Grid 1');
    alerts.record(alert({ id: 'a2', kind: 'panic', receivedAt: now }), { ...i, alertCount: 2 });
    await wrapper.vm.$nextTick();
    expect(wrapper.findAll('[data-testid=alert-banner]')).toHaveLength(1);
    expect(wrapper.get('[data-testid=alert-press-count]').text()).toContain('×2');
    expect(wrapper.find('[data-testid=alert-clock-skew]').exists()).toBe(false);
    // A press from a device whose clock is wrong: the banner says so (and keeps saying so).
    alerts.record(alert({ id: 'a3', kind: 'panic', receivedAt: now, deviceTime: '2020-01-01T00:00:00.000Z', clockSkew: true }), { ...i, alertCount: 3 });
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid=alert-clock-skew]').text()).toContain('Device clock wrong');
    alerts.record(alert({ id: 'a4', kind: 'panic', receivedAt: now }), { ...i, alertCount: 4 });
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=alert-clock-skew]').exists()).toBe(true);
    expect(alerts.clockSkewed(i.id)).toBe(true);
    expect(alerts.clockSkewed('other')).toBe(false);
  });

  it('turns a queue card red past five minutes', () => {
    const { plugins } = testPlugins();
    const i = incident({ createdAt: '2025-01-01T08:00:00Z' });
    const fresh = mount(IncidentCard, { props: { incident: i, now: Date.parse('2025-01-01T08:04:00Z') }, global: { plugins } });
    expect(fresh.classes()).not.toContain('overdue');
    expect(fresh.get('[data-testid=queue-elapsed]').text()).toBe('4:00');
    const late = mount(IncidentCard, { props: { incident: i, now: Date.parse('2025-01-01T08:06:00Z') }, global: { plugins } });
    expect(late.classes()).toContain('overdue');
  });

  it('names where an incident is by its location text, in the screen’s language', () => {
    const { plugins, i18n } = testPlugins();
    const locationText = { zh: '中山东路 · 新街口一网格', en: 'East Zhongshan Road · grid 新街口一网格' };
    const i = incident({ createdAt: '2025-01-01T08:00:00Z', locationText });
    const card = mount(IncidentCard, { props: { incident: i, now: Date.parse('2025-01-01T08:01:00Z') }, global: { plugins } });
    expect(card.text()).toContain('East Zhongshan Road · grid 新街口一网格');
    i18n.global.locale.value = 'zh-CN';
    const zh = mount(IncidentCard, { props: { incident: i, now: Date.parse('2025-01-01T08:01:00Z') }, global: { plugins } });
    expect(zh.text()).toContain('中山东路 · 新街口一网格');
    // An incident from before migration 026 has none: the grid chain or coordinates as before.
    const older = mount(IncidentCard, {
      props: { incident: incident({ lat: 30.1, lon: 120.2 }), now: Date.parse('2025-01-01T08:01:00Z') },
      global: { plugins },
    });
    expect(older.text()).not.toContain('East Zhongshan Road');
  });

  it('counts units per force on the status board', () => {
    const { plugins } = testPlugins();
    useUnitsStore().replaceAll([unit({ id: '1' }), unit({ id: '2', force: 'fire', status: 'on_scene' })]);
    const wrapper = mount(UnitStatusBoard, { global: { plugins } });
    expect(wrapper.findAll('tbody tr').map((r) => r.attributes('data-force'))).toEqual(['police', 'fire']);
  });

  it('gives a unit that raised an SOS a column of its own, by name', () => {
    const { plugins } = testPlugins();
    const now = new Date().toISOString();
    useUnitsStore().replaceAll([
      unit({ id: '1', status: 'needs_help' }),
      unit({ id: '2', position: position({ unitId: '2', serverTime: now, deviceTime: now }) }),
      // no fix: lost, not free (空闲 agrees with the KPI strip's 可用力量)
      unit({ id: '3' }),
    ]);
    const wrapper = mount(UnitStatusBoard, { global: { plugins } });
    expect(wrapper.text()).toContain('SOS');
    expect(wrapper.get('tbody tr[data-force=police] td.needs_help').text()).toBe('1');
    expect(wrapper.get('tbody tr[data-force=police] td.available').text()).toBe('1');
    expect(wrapper.get('tbody tr[data-force=police] td.stale').text()).toBe('2');
  });

  it('always shows the connection state', async () => {
    const { plugins } = testPlugins();
    const socket = useSocketStore();
    const wrapper = mount(ConnectionBadge, { global: { plugins } });
    socket.setState('reconnecting');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Reconnecting');
    expect(wrapper.attributes('data-state')).toBe('reconnecting');
  });
});
