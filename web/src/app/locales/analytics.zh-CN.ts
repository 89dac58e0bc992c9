/** 管理分析（问题 6）的中文文案。英文文件必须有同样的键（由其类型检查）。单独成文件，避免与主文案文件的合并冲突。 */
export const analyticsZhCN = {
  analytics: {
    title: '管理分析',
    report: '分析报告',
    printReport: '打印报告',
    print: '打印 / 存为 PDF',
    back: '返回看板',
    toWall: '指挥大屏',
    loading: '正在计算…',
    failed: '数据加载失败：{message}',
    empty: '所选时段没有数据',
    exportCsv: '导出 CSV',
    drillHint: '点击图表查看对应警情',
    period: '时段 {from} 至 {to}',
    timeZone: '按 {zone} 时间统计',
    generatedAt: '生成于 {time}',
    filters: {
      from: '开始日期', to: '结束日期', grid: '网格', force: '力量', category: '类别', priority: '级别', all: '全部', apply: '查询',
      last7: '近 7 天', last30: '近 30 天', thisYear: '今年',
    },
    kpi: {
      received: '接警数', responded: '到场数', responseP50: '到场用时 中位数', responseP90: '到场用时 P90', withinTarget: '按时到场率', closureRate: '结案率',
      of: '{n} / {d}',
    },
    card: {
      histogram: '到场用时分布', trend: '到场用时趋势（P50 / P90）', compliance: '各网格按时到场率', heatmap: '警情时段分布（星期 × 小时）',
      closure: '结案与化解层级（按类别）', change: '同比环比：各类别警情变化', coverage: '5 分钟 / 15 分钟覆盖率趋势', units: '力量出勤与处置',
      byGroup: '处警各环节用时', keyAreas: '重点部位巡防：按时到访率',
    },
    axis: { minutes: '分钟', incidents: '警情数' },
    series: {
      withinTarget: '按时到场', late: '超时到场', withinTargetShare: '按时到场率', closureRate: '结案率',
      within5: '5 分钟覆盖率（均值）', within15: '15 分钟覆盖率（均值）', within5Low: '5 分钟覆盖率（最低）',
    },
    fiveMinuteLine: '5 分钟',
    noKeyAreas: '该时段没有需要巡防的重点部位',
    keyAreasLoading: '正在统计巡防到访…',
    everyMinutes: '每 {n} 分钟',
    noCoverage: '该时段没有覆盖率采样（覆盖率服务未运行）',
    noGrid: '网格外',
    none: '无',
    level: { grid: '网格化解', community: '社区化解', street: '街道化解', department: '部门处置' },
    shift: { day: '白班（8–20 时）', night: '夜班（20–8 时）' },
    weekday: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
    category: {
      all: '合计', criminal: '刑事', public_order: '治安', dispute: '纠纷', traffic: '交通', fire: '火警', medical: '医疗急救', natural_disaster: '自然灾害',
      public_health: '公共卫生', production_safety: '安全生产', assistance: '求助', other: '其他',
    },
    col: {
      category: '类别', current: '本期', previous: '上期', change: '增减', changeShare: '增减幅度',
      priority: '级别', received: '接警', responded: '到场', p50: '中位数', p90: 'P90', withinTarget: '按时', share: '按时率',
      name: '名称', units: '人/车数', assignments: '出警次数', arrived: '到场处置', firstOnScene: '首先到场', declined: '拒绝', ackTimeouts: '超时未响应',
      enRoute: '途中时长', onScene: '现场时长',
      time: '接警时间', status: '状态', grid: '网格', lead: '主办单位', processing: '派警', turnout: '出动', travel: '途中', response: '到场', target: '目标',
      at: '时间', event: '事件', actor: '操作人',
      keyArea: '重点部位', watch: '巡防时段', every: '频次', slotsRequired: '应巡次数', slotsVisited: '实巡次数', compliance: '按时到访率',
    },
    per: { unit: '按单位', team: '按队伍', force: '按力量' },
    drill: {
      title: '警情明细', total: '共 {n} 起', back: '返回看板', prev: '上一页', next: '下一页', page: '第 {from}–{to} 条', open: '查看时间线与轨迹',
      within: '按时', breached: '超时', pending: '未到场',
      what: {
        group: '{group}：{key}', response: '到场用时 {from}–{to} 分钟', responseOpen: '到场用时 ≥ {from} 分钟', cell: '{weekday} {hour}:00–{hour}:59',
        only: { received: '全部接警', responded: '已到场', withinTarget: '按时到场', breached: '超时到场', open: '未结', closed: '已结案' },
      },
    },
    replay: {
      title: '警情 {id}', timeline: '处置时间线', units: '出警单位', play: '回放', pause: '暂停', noTrack: '该时段没有轨迹点',
      trackPoints: '{n} 个轨迹点', at: '回放时刻 {time}', notFound: '找不到该警情',
    },
    group: { day: '日期', week: '周', month: '月', priority: '级别', category: '类别', grid: '网格', force: '力量', team: '队伍', shift: '班次' },
  },
};

export type AnalyticsMessages = typeof analyticsZhCN;
