import type { ImportReport } from '@lianfang/shared';

/** The CLI speaks Chinese unless the shell's locale is not Chinese (LANG / --lang en). */
export type CliLanguage = 'zh' | 'en';

const WORDS = {
  zh: {
    heading: (r: ImportReport) => `${r.kind}：${r.dryRun ? '检查（未写入）' : r.applied ? '已导入' : '未导入（有被拒绝的行，全部未写入）'}`,
    counts: (c: ImportReport['counts']) => `新建 ${c.create} · 更新 ${c.update} · 不变 ${c.unchanged} · 拒绝 ${c.reject}`,
    encoding: (e: string) => `文件编码：${e}`,
    row: (row: number, key: string | null) => `第 ${row} 行${key ? `（${key}）` : ''}`,
    secrets: (kind: string) => (kind === 'users' ? '新用户的初始密码（只显示这一次，请妥善转交）：' : '新设备的密钥（只显示这一次，请妥善保存）：'),
  },
  en: {
    heading: (r: ImportReport) =>
      `${r.kind}: ${r.dryRun ? 'checked (nothing written)' : r.applied ? 'imported' : 'not imported (rows refused, nothing written)'}`,
    counts: (c: ImportReport['counts']) => `create ${c.create} · update ${c.update} · unchanged ${c.unchanged} · reject ${c.reject}`,
    encoding: (e: string) => `read as ${e}`,
    row: (row: number, key: string | null) => `row ${row}${key ? ` (${key})` : ''}`,
    secrets: (kind: string) =>
      kind === 'users' ? "new users' passwords (shown this once; hand them over safely):" : "new devices' keys (shown this once; keep them safe):",
  },
} as const;

/** The report as lines for a terminal: the outcome, the counts, then every refused row with its fields. */
export function importReportLines(report: ImportReport, lang: CliLanguage): string[] {
  const w = WORDS[lang];
  const lines = [w.heading(report), w.counts(report.counts)];
  if (report.encoding) lines.push(w.encoding(report.encoding));
  for (const row of report.rows) {
    if (row.problems.length === 0) continue;
    for (const p of row.problems) lines.push(`  ${w.row(row.row, row.key)} ${p.field}: ${p.message}`);
  }
  // the only time these are ever shown: a terminal is where the administrator reads them
  if (report.oneTimeSecrets?.length) {
    lines.push(w.secrets(report.kind));
    for (const s of report.oneTimeSecrets) lines.push(`  ${s.key}\t${s.secret}`);
  }
  return lines;
}

export function cliLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): CliLanguage {
  if (flag === 'en' || flag === 'zh') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale === '' || locale.startsWith('zh') || locale === 'C' || locale.startsWith('C.') ? 'zh' : 'en';
}
