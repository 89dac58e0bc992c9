import { FORCES, type EmergencyPlan, type EmergencyPlanContent, type Force } from '@lianfang/shared';

/** The editor's working copy: every force has a number (0 = not called), tasks are rows. */
export interface PlanDraft {
  nameZh: string;
  nameEn: string;
  category: EmergencyPlanContent['category'];
  mix: Record<Force, number>;
  tasks: { title: string; owner: string }[];
}

export function draftOf(plan: EmergencyPlan | null): PlanDraft {
  return {
    nameZh: plan?.name['zh-CN'] ?? '',
    nameEn: plan?.name.en ?? '',
    category: plan?.category ?? 'natural_disaster',
    mix: Object.fromEntries(FORCES.map((f) => [f, plan?.unitMix[f] ?? 0])) as Record<Force, number>,
    tasks: plan ? plan.tasks.map((task) => ({ ...task })) : [{ title: '', owner: '' }],
  };
}

/** What is sent: trimmed, forces at 0 left out, empty task rows dropped; the English name falls back to the Chinese. */
export function contentOf(draft: PlanDraft): EmergencyPlanContent {
  const nameZh = draft.nameZh.trim();
  return {
    name: { 'zh-CN': nameZh, en: draft.nameEn.trim() || nameZh },
    category: draft.category,
    unitMix: Object.fromEntries(FORCES.filter((f) => draft.mix[f] > 0).map((f) => [f, Math.round(draft.mix[f])])),
    tasks: draft.tasks.map((task) => ({ title: task.title.trim(), owner: task.owner.trim() })).filter((task) => task.title !== '' || task.owner !== ''),
  };
}

export const sameContent = (a: EmergencyPlanContent, b: EmergencyPlanContent) => JSON.stringify(a) === JSON.stringify(b);
