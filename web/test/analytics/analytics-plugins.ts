import { createI18n } from 'vue-i18n';
import { analyticsEn } from '../../src/app/locales/analytics.en';
import { analyticsZhCN } from '../../src/app/locales/analytics.zh-CN';
import { en } from '../../src/app/locales/en';
import { zhCN } from '../../src/app/locales/zh-CN';
import { freshPinia } from '../support/test-app';

/** A fresh Pinia and the app's messages with the analytics files merged, as i18n.ts does. */
export function analyticsPlugins(locale: 'en' | 'zh-CN' = 'en') {
  const pinia = freshPinia();
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    missingWarn: false,
    fallbackWarn: false,
    messages: { en: { ...en, ...analyticsEn }, 'zh-CN': { ...zhCN, ...analyticsZhCN } },
  });
  return { pinia, i18n, plugins: [pinia, i18n] };
}

/** `t` for the pure option builders. */
export function translator(locale: 'en' | 'zh-CN' = 'en') {
  const { i18n } = analyticsPlugins(locale);
  return (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}
