import { describe, expect, it } from 'vitest';
import { historyFromCsv, problemOnSheet } from '../../../src/modules/incidents/history-csv.js';

const rows = (...lines: string[][]) => lines.map((cells, i) => ({ row: i + 2, cells }));

describe('the history spreadsheet grouped into cases', () => {
  const header = ['案件编号', '类别', '级别', '纬度', '经度', '接警时间', '呼号', '派警时间', '到场时间', '上报时间', '上报至'];

  it('one row per unit sent: the rows of a case become one case with its units and escalations', () => {
    const file = historyFromCsv(
      header,
      rows(
        [
          'J-1',
          'criminal',
          'P1',
          '32.04',
          '118.78',
          '2024-03-04 10:00:00',
          '巡逻一组',
          '2024-03-04 10:00:30',
          '2024-03-04 10:04:00',
          '2024-03-04 10:20',
          'community',
        ],
        ['J-2', 'dispute', 'P3', '32.05', '118.77', '2024/3/4 11:00', '', '', '', '', ''],
        // J-1's second unit; the escalation repeated on its row is the same escalation
        ['J-1', '', 'P1', '', '', '', '巡逻二组', '2024-03-04T02:00:40Z', '', '2024-03-04 10:20', 'community'],
      ),
      'Asia/Shanghai',
    );
    expect(file.headerProblems).toEqual([]);
    expect(file.cases).toEqual([
      {
        row: 2,
        unitRows: [2, 4],
        problems: [],
        raw: {
          externalId: 'J-1',
          category: 'criminal',
          priority: 'P1',
          lat: 32.04,
          lon: 118.78,
          receivedAt: '2024-03-04T02:00:00.000Z',
          units: [
            { callsign: '巡逻一组', dispatchedAt: '2024-03-04T02:00:30.000Z', onSceneAt: '2024-03-04T02:04:00.000Z' },
            { callsign: '巡逻二组', dispatchedAt: '2024-03-04T02:00:40.000Z' },
          ],
          escalations: [{ at: '2024-03-04T02:20:00.000Z', to: 'community' }],
        },
      },
      {
        row: 3,
        unitRows: [],
        problems: [],
        raw: { externalId: 'J-2', category: 'dispute', priority: 'P3', lat: 32.05, lon: 118.77, receivedAt: '2024-03-04T03:00:00.000Z' },
      },
    ]);
  });

  it('each cell a row gets wrong is named with its row', () => {
    const file = historyFromCsv(
      header,
      rows(
        ['J-1', 'criminal', 'P1', '32.04', 'east', '2024-03-04 10:00:00', '巡逻一组', 'soon', '', '', ''],
        ['J-1', 'dispute', 'P1', '', '', '', '', '2024-03-04 10:01', '', '', ''],
        ['', 'criminal', 'P1', '32.04', '118.78', '2024-03-04 10:00:00', '', '', '', '', ''],
      ),
      'Asia/Shanghai',
    );
    expect(file.cases.map((c) => [c.row, c.problems])).toEqual([
      [
        2,
        [
          { field: 'lon', message: 'row 2: "east" is not a number', code: 'not_a_number', params: { row: 2, value: 'east' } },
          {
            field: 'dispatchedAt',
            message: 'row 2: "soon" is not a time (2024-03-04 10:05:00, 2024/3/4 10:05 or ISO 8601)',
            code: 'not_a_time',
            params: { row: 2, value: 'soon' },
          },
          {
            field: 'category',
            message: 'row 3: "dispute" differs from row 2 ("criminal")',
            code: 'differs',
            params: { row: 3, value: 'dispute', firstRow: 2, first: 'criminal' },
          },
          { field: 'callsign', message: "row 3: is required when a unit's times are given", code: 'callsign_needed', params: { row: 3 } },
        ],
      ],
      [4, [{ field: 'externalId', message: 'row 4: is required', code: 'required', params: { row: 4 } }]],
    ]);
  });

  it('a header with a column it does not know, one missing or one twice refuses the file', () => {
    const file = historyFromCsv(['externalId', 'Category', '优先级', 'lat', 'lat', 'receivedAt'], rows(['J', 'x', 'P1', '1', '1', 'x']), 'Asia/Shanghai');
    expect(file.cases).toEqual([]);
    expect(file.headerProblems).toEqual([
      { field: '优先级', message: 'is not a column of the history file', code: 'unknown_column', params: { row: 1 } },
      { field: 'priority', message: 'column is missing', code: 'missing_column' },
      { field: 'lon', message: 'column is missing', code: 'missing_column' },
      { field: 'lat', message: 'column appears twice', code: 'column_twice', params: { row: 1 } },
    ]);
  });

  it("the rules' problems are said the spreadsheet's way: a unit's field on its own row", () => {
    const c = { row: 7, unitRows: [7, 9] };
    expect(problemOnSheet({ field: 'units[1].onSceneAt', message: 'is after the case ended', code: 'after_ended' }, c)).toEqual({
      field: 'onSceneAt',
      message: 'row 9: is after the case ended',
      code: 'after_ended',
      params: { row: 9 },
    });
    expect(problemOnSheet({ field: 'escalations[0].at', message: 'is outside the case', code: 'outside_case' }, c)).toEqual({
      field: 'escalatedAt',
      message: 'row 7: is outside the case',
      code: 'outside_case',
      params: { row: 7 },
    });
    expect(problemOnSheet({ field: 'rating', message: 'must be <= 5', code: 'invalid', params: { detail: 'must be <= 5' } }, c)).toEqual({
      field: 'rating',
      message: 'row 7: must be <= 5',
      code: 'invalid',
      params: { detail: 'must be <= 5', row: 7 },
    });
  });
});
