/** 数据库中断期间已收到、尚未入库的报警（入口日志）的中文文案。英文文件必须有同样的键（由其类型检查）。 */
export const journalZhCN = {
  journal: {
    title: '已收到 {n} 条报警，尚未入库',
    why: '数据库暂时不可用：报警已安全暂存，恢复后按顺序自动入库',
    at: '{time} 收到',
  },
};

export type JournalMessages = typeof journalZhCN;
