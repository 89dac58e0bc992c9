import { mount } from '@vue/test-utils';
import type { JournalledPress } from '@lianfang/shared';
import { describe, expect, it } from 'vitest';
import AlertBanner from '../../src/features/wall/components/AlertBanner.vue';
import { useJournalledPressesStore } from '../../src/features/alerts/journalled-presses.store';
import { testPlugins } from '../support/test-app';

const press = (n: number, over: Partial<JournalledPress> = {}): JournalledPress => ({
  journalId: `1700000000000-${n}`,
  alertId: `00000000-0000-4000-8000-00000000000${n}`,
  kind: 'panic',
  label: `Gate ${n}`,
  deviceId: null,
  unitId: null,
  lat: null,
  lon: null,
  note: null,
  receivedAt: '2026-12-07T10:00:00.000Z',
  ...over,
});

describe('presses received while the database is away', () => {
  it('keeps them in journal order until recorded or their alert arrives', () => {
    testPlugins();
    const store = useJournalledPressesStore();
    store.received([press(2), press(1)]);
    store.received([press(3), press(1)]);
    expect(store.list.map((p) => p.label)).toEqual(['Gate 1', 'Gate 2', 'Gate 3']);
    store.recorded([{ journalId: press(1).journalId }]);
    store.alertArrived(press(3).alertId);
    expect(store.list.map((p) => p.label)).toEqual(['Gate 2']);
    store.clear();
    expect(store.list).toEqual([]);
  });

  it('shows them on the wall banner as received, not yet recorded, in English and Chinese', async () => {
    const { plugins, i18n } = testPlugins();
    const store = useJournalledPressesStore();
    const wrapper = mount(AlertBanner, { global: { plugins } });
    expect(wrapper.find('[data-testid=journalled-presses]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=alert-banners]').classes()).toContain('empty');
    store.received([press(1), press(2, { kind: 'fire' })]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=alert-banners]').classes()).not.toContain('empty');
    const strip = wrapper.find('[data-testid=journalled-presses]');
    expect(strip.text()).toContain('2 alerts received, not yet recorded');
    expect(strip.text()).toContain('Panic button · Gate 1');
    expect(strip.text()).toContain('Fire · Gate 2');
    expect(strip.text()).not.toMatch(/journal\.|1700000000000|00000000-/);
    i18n.global.locale.value = 'zh-CN';
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=journalled-presses]').text()).toContain('已收到 2 条报警，尚未入库');
    store.recorded([{ journalId: press(1).journalId }, { journalId: press(2).journalId }]);
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid=journalled-presses]').exists()).toBe(false);
  });
});
