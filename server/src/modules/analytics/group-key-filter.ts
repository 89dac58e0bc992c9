import { FORCES, INCIDENT_CATEGORIES, NO_GROUP, PRIORITIES, SHIFTS, type AnalyticsGrouping } from '@lianfang/shared';
import { shiftSql } from './incident-expressions.js';
import type { SqlParams } from './sql-params.js';
import { bucketStartSql, isBucketKey } from './time-buckets.js';

const oneOf = (values: readonly string[], key: string) => (values.includes(key) ? null : `must be one of ${values.join(', ')}`);

/** Why `key` cannot be a key of `groupBy` (the drill-down names `groupKey` in its 400), or null when it can. */
export function groupKeyProblem(groupBy: AnalyticsGrouping, key: string): string | null {
  switch (groupBy) {
    case 'day':
      return isBucketKey('day', key) ? null : 'must be a local date YYYY-MM-DD';
    case 'week':
      return isBucketKey('week', key) ? null : 'must be the Monday of a week, YYYY-MM-DD';
    case 'month':
      return isBucketKey('month', key) ? null : 'must be a month YYYY-MM';
    case 'priority':
      return oneOf(PRIORITIES, key);
    case 'category':
      return oneOf(INCIDENT_CATEGORIES, key);
    case 'force':
      return oneOf([...FORCES, NO_GROUP], key);
    case 'shift':
      return oneOf(Object.keys(SHIFTS), key);
    case 'grid':
    case 'team':
      return null;
  }
}

/**
 * The SQL condition "incident `f` (its facts) is in the group `key`", the inverse of
 * groupKeySql. Time buckets become a range on created_at so the index on it is used.
 */
export function groupKeyCondition(groupBy: AnalyticsGrouping, key: string, p: SqlParams, tz: () => string): string {
  const nullable = (column: string) => (key === NO_GROUP ? `${column} IS NULL` : `${column} = ${p.add(key, 'text')}`);
  switch (groupBy) {
    case 'day':
    case 'week':
    case 'month': {
      const start = bucketStartSql(groupBy, p.add(key, 'text'));
      return `f.created_at >= (${start} AT TIME ZONE ${tz()}) AND f.created_at < ((${start} + interval '1 ${groupBy}') AT TIME ZONE ${tz()})`;
    }
    case 'priority':
      return `f.priority = ${p.add(key, 'text')}`;
    case 'category':
      return `f.category = ${p.add(key, 'text')}`;
    case 'grid':
      return nullable('f.grid_id');
    case 'force':
      return nullable('lead_unit.force');
    case 'team':
      return nullable('lead_unit.team_id');
    case 'shift':
      return `${shiftSql('f.local_hour')} = ${p.add(key, 'text')}`;
  }
}
