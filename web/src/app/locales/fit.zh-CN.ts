/** 候选力量的对口等级、候选筛选与求援状态的中文文案。英文文件必须有同样的键（由其类型检查）。 */
export const fitZhCN = {
  fit: {
    // 对口等级：按警情类别，某力量是主责、协同、辅助，还是不对口（见 shared 的 CAPABILITY_TABLE）
    tier: { lead: '主责', support: '协同', assist: '辅助', none: '不对口' },
    filters: '候选筛选',
    force: '力量',
    mode: '方式',
    all: '全部',
    tierNoneHint: '不对口：只在按力量筛选时列出',
    col: { needsHelp: '求援' },
    // 候选筛选上的力量名（与 force.* 相同，英文取短名，保证一行放下）
    forceShort: { police: '公安', security: '保安', merchant_guard: '商户护卫', volunteer: '志愿者', fire: '消防', medical: '医疗', city_mgmt: '城管' },
  },
};

export type FitMessages = typeof fitZhCN;
