import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import DeskTimeline from '../../src/features/wall/desk/DeskTimeline.vue';
import { demoEn } from '../../src/app/locales/demo.en';
import { demoZhCN } from '../../src/app/locales/demo.zh-CN';
import { en } from '../../src/app/locales/en';
import { wallScreenEn } from '../../src/app/locales/wall-screen.en';
import { wallScreenZhCN } from '../../src/app/locales/wall-screen.zh-CN';
import { zhCN } from '../../src/app/locales/zh-CN';
import { freshPinia } from '../support/test-app';

const entries = [
  { at: '2026-12-07T03:33:17Z', actor: 'demo:operator', kind: 'unit_dispatched', data: {} },
  { at: '2026-12-07T03:33:30Z', actor: 'demo:crew', kind: 'unit_acknowledged', data: {} },
  { at: '2026-12-07T03:35:30Z', actor: 'user:alice', kind: 'note', data: {} },
  { at: '2026-12-07T03:36:30Z', actor: 'system:geofence', kind: 'unit_on_scene', data: {} },
];

function actors(locale: 'en' | 'zh-CN'): string[] {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { en: { ...en, ...wallScreenEn, ...demoEn }, 'zh-CN': { ...zhCN, ...wallScreenZhCN, ...demoZhCN } },
    missingWarn: false,
    fallbackWarn: false,
  });
  const wrapper = mount(DeskTimeline, { props: { entries, max: 10 }, global: { plugins: [freshPinia(), i18n] } });
  // newest first
  return wrapper.findAll('.actor').map((a) => a.text());
}

describe('the desk timeline names who did each step', () => {
  it('names the demo city simulated side as such, never as a person or raw key', () => {
    expect(actors('en')).toEqual(['System', 'Operator alice', 'demo crew', 'demo operator']);
    expect(actors('zh-CN')).toEqual(['系统', '值班员 alice', '演示队员', '演示调度员']);
  });
});
