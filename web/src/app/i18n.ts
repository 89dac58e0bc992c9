import { createI18n } from 'vue-i18n';
import { accountEn } from './locales/account.en';
import { accountZhCN, type AccountMessages } from './locales/account.zh-CN';
import { adminEn } from './locales/admin.en';
import { adminZhCN, type AdminMessages } from './locales/admin.zh-CN';
import { analyticsEn } from './locales/analytics.en';
import { analyticsZhCN, type AnalyticsMessages } from './locales/analytics.zh-CN';
import { demoEn } from './locales/demo.en';
import { demoZhCN, type DemoMessages } from './locales/demo.zh-CN';
import { en } from './locales/en';
import { zhCN, type LocaleMessages } from './locales/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];

const STORAGE_KEY = 'lianfang.locale';

function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as AppLocale) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The main messages plus the feature files kept apart (analytics, admin, account), so their edits never collide. */
type AllMessages = LocaleMessages & AnalyticsMessages & AdminMessages & AccountMessages & DemoMessages;

export const i18n = createI18n<[AllMessages], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, ...analyticsZhCN, ...adminZhCN, ...accountZhCN, ...demoZhCN },
    en: { ...en, ...analyticsEn, ...adminEn, ...accountEn, ...demoEn },
  },
  missingWarn: false,
  fallbackWarn: false,
});

export function currentLocale(): AppLocale {
  return i18n.global.locale.value;
}

/** Switches the language everywhere and remembers it on this device. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, still switched.
  }
}
