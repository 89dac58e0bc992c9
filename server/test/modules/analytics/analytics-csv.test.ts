import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from '@lianfang/shared';
import { parseCsv } from './csv-parse.js';

describe('CSV writer (RFC 4180, Excel-friendly)', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [0, '0'],
    [-12.5, '-12.5'],
    [true, 'true'],
    ['plain', 'plain'],
    ['东湖网格', '东湖网格'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-', "'-"],
    ['@sum', "'@sum"],
  ])('cell %j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('BOM, header row, CRLF after every record, columns in the order given, and it reads back', () => {
    const text = toCsv(
      ['name', 'n', 'share'],
      [
        { name: 'West, "old" grid', n: 3, share: null },
        { name: '东湖网格', n: 0, share: 0.5 },
      ],
    );
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe(`${UTF8_BOM}name,n,share\r\n"West, ""old"" grid",3,\r\n东湖网格,0,0.5\r\n`);
    expect(parseCsv(text.slice(1))).toEqual([
      ['name', 'n', 'share'],
      ['West, "old" grid', '3', ''],
      ['东湖网格', '0', '0.5'],
    ]);
    expect(toCsv(['a'], [])).toBe(`${UTF8_BOM}a\r\n`);
  });
});
