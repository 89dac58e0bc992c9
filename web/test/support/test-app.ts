import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import { deskEn } from '../../src/app/locales/desk.en';
import { deskZhCN } from '../../src/app/locales/desk.zh-CN';
import { en } from '../../src/app/locales/en';
import { zhCN } from '../../src/app/locales/zh-CN';
import { fitEn } from '../../src/app/locales/fit.en';
import { fitZhCN } from '../../src/app/locales/fit.zh-CN';
import { journalEn } from '../../src/app/locales/journal.en';
import { journalZhCN } from '../../src/app/locales/journal.zh-CN';

/** A fresh Pinia per test: stores never leak state between tests. */
export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

/** Plugins a mounted component needs (English, so assertions read naturally). */
export function testPlugins() {
  const pinia = freshPinia();
  const i18n = createI18n({
    legacy: false,
    locale: 'en',
    fallbackLocale: 'zh-CN',
    messages: { en: { ...en, ...deskEn, ...fitEn, ...journalEn }, 'zh-CN': { ...zhCN, ...deskZhCN, ...fitZhCN, ...journalZhCN } },
    missingWarn: false,
    fallbackWarn: false,
  });
  return { pinia, i18n, plugins: [pinia, i18n] };
}
