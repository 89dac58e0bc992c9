import { FORCES, type UnitMix } from '@lianfang/shared';

/** "公安 2 · 消防 1": the forces a plan calls for, in the order forces are listed everywhere. */
export function unitMixText(mix: UnitMix, forceName: (force: string) => string): string {
  return FORCES.filter((f) => (mix[f] ?? 0) > 0)
    .map((f) => `${forceName(f)} ${mix[f]}`)
    .join(' · ');
}

export const unitMixTotal = (mix: UnitMix) => FORCES.reduce((sum, f) => sum + (mix[f] ?? 0), 0);
