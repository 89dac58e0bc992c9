import type { EmergencyPlanContent } from '../schemas/emergency-plan.js';

/**
 * The plans a district starts with, for the three kinds of major event: written to the
 * database on first start (emergency-plans module), then edited there by the district's
 * administrators. Starting one opens a P1 incident at the street office with its checklist
 * and asks for its mix of forces, dispatched from the ETA-ranked candidates.
 */
export type DefaultEmergencyPlan = EmergencyPlanContent & { id: string };

export const DEFAULT_EMERGENCY_PLANS: readonly DefaultEmergencyPlan[] = [
  {
    id: 'flood',
    name: { 'zh-CN': '防汛应急预案', en: 'Flood response plan' },
    category: 'natural_disaster',
    unitMix: { police: 2, fire: 1, volunteer: 4, city_mgmt: 2 },
    tasks: [
      { title: '封控积水路段，设置警戒', owner: '公安' },
      { title: '转移低洼地带群众', owner: '社区' },
      { title: '排水抢险', owner: '城管' },
      { title: '开放避难场所并登记', owner: '街道办' },
      { title: '向上级报告险情', owner: '街道办' },
    ],
  },
  {
    id: 'outbreak',
    name: { 'zh-CN': '公共卫生事件应急预案', en: 'Public health outbreak plan' },
    category: 'public_health',
    unitMix: { medical: 2, police: 1, volunteer: 4 },
    tasks: [
      { title: '划定管控区域', owner: '街道办' },
      { title: '流调与人员排查', owner: '社区' },
      { title: '医疗救治与转运', owner: '医疗' },
      { title: '物资保障', owner: '志愿者' },
      { title: '信息发布', owner: '街道办' },
    ],
  },
  {
    id: 'hazmat',
    name: { 'zh-CN': '安全生产事故应急预案', en: 'Industrial accident plan' },
    category: 'production_safety',
    unitMix: { fire: 2, medical: 1, police: 2, city_mgmt: 1 },
    tasks: [
      { title: '切断危险源，现场警戒', owner: '消防' },
      { title: '搜救与伤员救治', owner: '医疗' },
      { title: '疏散周边人员', owner: '公安' },
      { title: '环境监测', owner: '城管' },
      { title: '事故调查取证', owner: '公安' },
    ],
  },
];

export const TASK_STATES = ['open', 'in_progress', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];
