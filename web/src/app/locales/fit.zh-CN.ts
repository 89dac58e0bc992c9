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
  },
};

export type FitMessages = typeof fitZhCN;
