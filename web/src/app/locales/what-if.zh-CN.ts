/** 覆盖推演（大屏上的"如果调动"工具）的中文文案。英文文件必须有同样的键（由其类型检查）。 */
export const whatIfZhCN = {
  whatIf: {
    button: '覆盖推演',
    title: '覆盖推演（未下达任何调动）',
    key: 'W',
    help: '拖动单位到新位置，或在地图上点击放置临时岗点；Esc 退出',
    now: '现在',
    after: '推演后',
    goal: '{min} 分钟可达',
    closed: '消除盲区 {n} 格',
    opened: '新增盲区 {n} 格',
    postMode: '临时岗点方式',
    modeKey: '{key} {mode}',
    moved: '调动 {callsign}',
    post: '临时岗点 · {mode}',
    remove: '撤销',
    clear: '全部撤销',
    leave: '退出推演 (Esc)',
    computing: '正在计算…',
    nothing: '还没有改动：拖动一个单位，或点击地图放置岗点',
    offRoad: '远离道路，无法覆盖',
    failed: '推演失败：{message}',
  },
};

export type WhatIfMessages = typeof whatIfZhCN;
