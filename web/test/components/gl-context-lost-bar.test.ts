import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick, provide, ref, shallowRef } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import GlContextLostBar from '../../src/map/controls/GlContextLostBar.vue';
import { ASK_RELOAD_AFTER_MS } from '../../src/map/controls/gl-outage-policy';
import { createGlContextHealth, styleLoaded } from '../../src/map/core/gl-context-health';
import { MAP_CONTEXT } from '../../src/map/core/map-context';
import { testPlugins } from '../support/test-app';

describe('the wall banner for a lost map context', () => {
  afterEach(() => vi.useRealTimers());

  it('is absent while the map is fine, says what happened in English and Chinese, asks for a reload later, and goes on restore', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-05T21:00:00Z') });
    const glContext = createGlContextHealth();
    const Host = defineComponent({
      setup() {
        provide(MAP_CONTEXT, {
          map: shallowRef(null),
          ready: ref(true),
          styleGeneration: ref(0),
          uiScale: ref(1),
          softwareRendering: false,
          glContext,
          basemapBounds: ref(null),
        });
        return () => h(GlContextLostBar);
      },
    });
    const { plugins, i18n } = testPlugins();
    const wrapper = mount(Host, { global: { plugins } });
    expect(wrapper.find('[data-testid=gl-context-lost]').exists()).toBe(false);

    glContext.state.value = 'lost';
    glContext.lostAt.value = Date.now();
    await nextTick();
    const bar = () => wrapper.find('[data-testid=gl-context-lost]');
    expect(bar().attributes('data-phase')).toBe('recovering');
    expect(bar().attributes('role')).toBe('alert');
    expect(bar().text()).toContain('Map display interrupted');
    expect(bar().text()).toContain('still live');
    i18n.global.locale.value = 'zh-CN';
    await nextTick();
    expect(bar().text()).toContain('地图画面中断');
    expect(bar().text()).toContain('正在自动恢复');

    await vi.advanceTimersByTimeAsync(ASK_RELOAD_AFTER_MS);
    expect(bar().attributes('data-phase')).toBe('reload');
    expect(bar().text()).toContain('请刷新页面');
    expect(wrapper.find('[data-testid=gl-auto-reload]').text()).toContain('60 秒后自动刷新');
    expect(wrapper.find('[data-testid=gl-reload]').text()).toBe('立即刷新');

    glContext.state.value = 'restoring';
    styleLoaded(glContext);
    await nextTick();
    expect(bar().exists()).toBe(false);
    wrapper.unmount();
  });
});
