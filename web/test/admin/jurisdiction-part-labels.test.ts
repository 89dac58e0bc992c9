import { JURISDICTION_PARTS } from '@lianfang/shared';
import { describe, expect, it } from 'vitest';
import { adminEn } from '../../src/app/locales/admin.en';
import { adminZhCN } from '../../src/app/locales/admin.zh-CN';

/** Every file of the jurisdiction zip is named on screen in both languages (never as a raw message key). */
describe('the jurisdiction report names every file it holds', () => {
  it.each([
    ['zh-CN', adminZhCN.admin.imports.all.part],
    ['en', adminEn.admin.imports.all.part],
  ] as const)('%s', (_lang, labels) => {
    const named = labels as Record<string, string>;
    for (const part of JURISDICTION_PARTS) expect(named[part], part).toMatch(/\S/);
  });
});
