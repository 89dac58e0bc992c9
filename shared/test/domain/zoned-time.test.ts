import { describe, expect, it } from 'vitest';
import { instantOfLocalTime } from '../../src/domain/zoned-time.js';

// Expected instants worked by hand: Shanghai is UTC+8 all year; New York is UTC−5, and UTC−4
// from 2024-03-10 03:00 local (the clocks jump from 02:00 to 03:00).
describe('a spreadsheet time in the district zone', () => {
  it('wall-clock text in Asia/Shanghai is 8 hours ahead of UTC', () => {
    expect(instantOfLocalTime('2024-03-04 10:05:00', 'Asia/Shanghai')).toBe('2024-03-04T02:05:00.000Z');
    expect(instantOfLocalTime('2024-03-04T10:05', 'Asia/Shanghai')).toBe('2024-03-04T02:05:00.000Z');
    // the way zh-CN Excel shows it, and across midnight
    expect(instantOfLocalTime('2024/3/4 7:05', 'Asia/Shanghai')).toBe('2024-03-03T23:05:00.000Z');
    expect(instantOfLocalTime(' 2024-03-04 10:05:00.25 ', 'Asia/Shanghai')).toBe('2024-03-04T02:05:00.250Z');
  });

  it('follows a zone with daylight saving on either side of the change', () => {
    expect(instantOfLocalTime('2024-01-10 12:00', 'America/New_York')).toBe('2024-01-10T17:00:00.000Z');
    expect(instantOfLocalTime('2024-03-10 12:00', 'America/New_York')).toBe('2024-03-10T16:00:00.000Z');
    expect(instantOfLocalTime('2024-03-10 01:30', 'America/New_York')).toBe('2024-03-10T06:30:00.000Z');
  });

  it('a time with an offset is taken as it is', () => {
    expect(instantOfLocalTime('2024-03-04T10:05:00+08:00', 'America/New_York')).toBe('2024-03-04T02:05:00.000Z');
    expect(instantOfLocalTime('2024-03-04T02:05:00Z', 'Asia/Shanghai')).toBe('2024-03-04T02:05:00.000Z');
  });

  it('what is not a time is null', () => {
    for (const text of ['', 'yesterday', '2024-03-04', '2024-02-30 10:00', '2024-03-04 24:00', '2024-03-04 10:60', '10:05', '2024-13-01 10:00'])
      expect(instantOfLocalTime(text, 'Asia/Shanghai'), text).toBeNull();
  });
});
