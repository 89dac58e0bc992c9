/**
 * The wall's queue and the incident event log (desk timeline and the replay page): every timeline
 * kind and every actor kind has a label here, so no raw key or id reaches a screen.
 */
export const wallScreenZhCN = {
  wallQueue: {
    pinned: '一级警情 · 置顶',
    rest: '其他警情',
    below: '↓ 下方还有 {n} 起 · 滚动或 ↑↓ 查看',
    above: '↑ 上方还有 {n} 起',
  },
  eventLog: {
    kind: {
      created: '接警立案',
      alert_received: '收到报警',
      alert_joined: '再次按键报警',
      unit_dispatched: '派遣',
      unit_acknowledged: '确认接警',
      unit_en_route: '出发',
      unit_on_scene: '到场',
      unit_cleared: '撤离',
      unit_declined: '拒绝出警',
      ack_timeout: '超时未确认，另派',
      ack_target_breached: '确认超时',
      arrival_target_breached: '到场超时',
      escalated: '升级',
      whistle: '吹哨：召集部门报到',
      reported_in: '部门报到',
      call_in_overdue: '部门报到超时',
      plan_activated: '启动预案',
      plan_shortfall: '预案力量不足',
      task_updated: '预案任务更新',
      resolved: '处置完毕',
      closed: '结案评价',
      cancelled: '撤销警情',
      false_alarm: '标记为误报',
      call_joined: '再次来电（已并入）',
      other: '其他记录',
    },
    actor: {
      system: '系统',
      user: '值班员 {name}',
      device: '报警设备 {name}',
      unit: '力量 {name}',
      tracker: '定位终端 {name}',
      unknownDevice: '报警设备（已删除）',
      unknownUnit: '力量（已删除）',
      unknown: '未知来源',
    },
    detail: {
      levels: '{from} → {to}',
      rating: '评分 {n}/5',
      minutes: '{n} 分钟内报到',
      shortfall: '缺 {n} 支力量',
      task: '第 {n} 项：{state}',
      presses: '第 {n} 次按键',
    },
    reason: {
      callInNotReported: '部门未按时报到',
      arrivalBreached: '到场超时',
      operator: '值班员升级',
    },
    taskState: { open: '待办', in_progress: '进行中', done: '已完成' },
    department: {
      police: '公安',
      fire: '消防',
      medical: '医疗急救',
      city_mgmt: '城管',
      market_supervision: '市场监管',
      housing: '住建',
      environment: '生态环境',
      emergency_mgmt: '应急管理',
    },
    source: { alert: '报警', call: '电话/对讲接警', patrol_report: '巡逻上报', manual: '值班员录入' },
    unknownUnit: '（已删除的力量）',
  },
};

export type WallScreenMessages = typeof wallScreenZhCN;
