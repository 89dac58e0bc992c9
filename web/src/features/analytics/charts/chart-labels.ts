/** vue-i18n's `t` as the option builders need it (they stay pure functions of their inputs). */
export type Translate = (key: string, named?: Record<string, unknown>) => string;
