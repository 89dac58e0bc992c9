import { createI18n } from 'vue-i18n';
import { en } from '../../src/app/locales/en';
import { wallScreenEn } from '../../src/app/locales/wall-screen.en';
import { wallScreenZhCN } from '../../src/app/locales/wall-screen.zh-CN';
import { zhCN } from '../../src/app/locales/zh-CN';

/** The app's main messages with the wall screen's own (queue, event log), as i18n.ts merges them. */
export function wallScreenI18n(locale: 'zh-CN' | 'en') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { en: { ...en, ...wallScreenEn }, 'zh-CN': { ...zhCN, ...wallScreenZhCN } },
    missingWarn: false,
    fallbackWarn: false,
  });
}
