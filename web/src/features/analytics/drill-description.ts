import type { DrillTarget } from './drill-target';
import { groupLabel } from './group-label';
import type { Translate } from './charts/chart-labels';

/** What the drill-down lists, in words: "Grid: g1 · arrived late", "Response 5–6 min", "Thu 7:00–7:59". */
export function describeDrill(target: DrillTarget, t: Translate): string {
  const parts: string[] = [];
  if (target.groupBy && target.groupKey !== undefined) {
    const key = groupLabel(target.groupBy, target.groupKey, target.groupKey, (k) => t(k));
    parts.push(t('analytics.drill.what.group', { group: t(`analytics.group.${target.groupBy}`), key }));
  }
  if (target.responseFrom !== undefined) {
    const from = target.responseFrom / 60;
    parts.push(
      target.responseTo === undefined
        ? t('analytics.drill.what.responseOpen', { from })
        : t('analytics.drill.what.response', { from, to: target.responseTo / 60 }),
    );
  }
  if (target.weekday !== undefined || target.hour !== undefined) {
    const weekday = target.weekday !== undefined ? t(`analytics.weekday.${target.weekday}`) : '';
    parts.push(target.hour !== undefined ? t('analytics.drill.what.cell', { weekday, hour: target.hour }).trim() : weekday);
  }
  parts.push(t(`analytics.drill.what.only.${target.only ?? 'received'}`));
  return parts.join(' · ');
}
