import { createI18n } from 'vue-i18n';
import { accountEn } from './locales/account.en';
import { accountZhCN, type AccountMessages } from './locales/account.zh-CN';
import { adminEn } from './locales/admin.en';
import { adminZhCN, type AdminMessages } from './locales/admin.zh-CN';
import { analyticsEn } from './locales/analytics.en';
import { analyticsZhCN, type AnalyticsMessages } from './locales/analytics.zh-CN';
import { demoEn } from './locales/demo.en';
import { demoZhCN, type DemoMessages } from './locales/demo.zh-CN';
import { deskEn } from './locales/desk.en';
import { dutyPlacesEn } from './locales/duty-places.en';
import { dutyPlacesZhCN, type DutyPlacesMessages } from './locales/duty-places.zh-CN';
import { deskZhCN, type DeskMessages } from './locales/desk.zh-CN';
import { fitEn } from './locales/fit.en';
import { forcesEn } from './locales/forces.en';
import { forcesZhCN, type ForcesMessages } from './locales/forces.zh-CN';
import { geographyEn } from './locales/geography.en';
import { geographyZhCN, type GeographyMessages } from './locales/geography.zh-CN';
import { fitZhCN, type FitMessages } from './locales/fit.zh-CN';
import { intakeEn } from './locales/intake.en';
import { intakeZhCN, type IntakeMessages } from './locales/intake.zh-CN';
import { placesEn } from './locales/places.en';
import { plansEn } from './locales/plans.en';
import { plansZhCN, type PlansMessages } from './locales/plans.zh-CN';
import { placesZhCN, type PlacesMessages } from './locales/places.zh-CN';
import { tabletEn } from './locales/tablet.en';
import { tabletZhCN, type TabletMessages } from './locales/tablet.zh-CN';
import { wallScreenEn } from './locales/wall-screen.en';
import { wallScreenZhCN, type WallScreenMessages } from './locales/wall-screen.zh-CN';
import { whatIfEn } from './locales/what-if.en';
import { journalEn } from './locales/journal.en';
import { journalZhCN, type JournalMessages } from './locales/journal.zh-CN';
import { whatIfZhCN, type WhatIfMessages } from './locales/what-if.zh-CN';
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

/** The main messages plus the feature files kept apart (account, admin, analytics, demo, desk, fit, intake, tablet, wall-screen, what-if), so their edits never collide. */
type AllMessages = LocaleMessages &
  AccountMessages &
  AdminMessages &
  AnalyticsMessages &
  DemoMessages &
  DeskMessages &
  DutyPlacesMessages &
  FitMessages &
  ForcesMessages &
  GeographyMessages &
  IntakeMessages &
  PlacesMessages &
  PlansMessages &
  TabletMessages &
  WallScreenMessages &
  WhatIfMessages &
  JournalMessages;

export const i18n = createI18n<[AllMessages], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': {
      ...zhCN,
      ...accountZhCN,
      ...adminZhCN,
      ...analyticsZhCN,
      ...demoZhCN,
      ...deskZhCN,
      ...dutyPlacesZhCN,
      ...fitZhCN,
      ...forcesZhCN,
      ...geographyZhCN,
      ...intakeZhCN,
      ...placesZhCN,
      ...plansZhCN,
      ...tabletZhCN,
      ...wallScreenZhCN,
      ...whatIfZhCN,
      ...journalZhCN,
    },
    en: {
      ...en,
      ...accountEn,
      ...adminEn,
      ...analyticsEn,
      ...demoEn,
      ...deskEn,
      ...dutyPlacesEn,
      ...fitEn,
      ...forcesEn,
      ...geographyEn,
      ...intakeEn,
      ...placesEn,
      ...plansEn,
      ...tabletEn,
      ...wallScreenEn,
      ...whatIfEn,
      ...journalEn,
    },
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
