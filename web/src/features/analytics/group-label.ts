import { NO_GROUP } from '@lianfang/shared';

/**
 * How a group key reads on screen: categories, forces and shifts in the screen's
 * language, "none" as "outside every grid" / "none", grids and teams by their name.
 */
export function groupLabel(groupBy: string, key: string, label: string, t: (key: string) => string): string {
  if (key === NO_GROUP) return groupBy === 'grid' ? t('analytics.noGrid') : t('analytics.none');
  switch (groupBy) {
    case 'category':
      return t(`analytics.category.${key}`);
    case 'force':
      return t(`force.${key}`);
    case 'shift':
      return t(`analytics.shift.${key}`);
    default:
      return label;
  }
}
