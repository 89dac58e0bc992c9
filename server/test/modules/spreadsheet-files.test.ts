import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/modules/domain-errors.js';
import { decodeSpreadsheetText, readSpreadsheet } from '../../src/modules/spreadsheet-files.js';

// A district's spreadsheet as Excel and WPS save it: Chinese headers, a quoted cell with a comma
// and a line break, in each of the encodings they write.
const SHEET = '案件编号,地址,呼号\r\nJ-001,"中山东路18号, 北门","巡逻一组"\r\nJ-002,"汉中路\n1号",巡逻二组\r\n';
const EXPECTED_ROWS = [
  { row: 2, cells: ['J-001', '中山东路18号, 北门', '巡逻一组'] },
  { row: 3, cells: ['J-002', '汉中路\n1号', '巡逻二组'] },
];

describe('a spreadsheet upload', () => {
  it('reads UTF-8, UTF-8 with BOM, GB18030 and UTF-16 to the same table, and says which it was', () => {
    const files: [Buffer, string][] = [
      [Buffer.from(SHEET, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SHEET, 'utf8')]), 'utf-8 with BOM'],
      [iconv.encode(SHEET, 'gb18030'), 'gb18030'],
      [iconv.encode(SHEET, 'utf-16le', { addBOM: true }), 'utf-16'],
    ];
    for (const [bytes, encoding] of files) {
      const table = readSpreadsheet(bytes);
      expect(table.encoding).toBe(encoding);
      expect(table.header).toEqual(['案件编号', '地址', '呼号']);
      expect(table.rows).toEqual(EXPECTED_ROWS);
    }
  });

  it('GBK bytes are not mistaken for UTF-8 (the two-byte 中 is D6 D0)', () => {
    expect(decodeSpreadsheetText(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ text: '中文', encoding: 'gb18030' });
  });

  it('tab-separated text (Excel "Unicode text") is read by its tabs', () => {
    const table = readSpreadsheet(iconv.encode('案件编号\t地址\nJ-9\t上海路, 南口\n', 'utf-16le', { addBOM: true }));
    expect(table.rows).toEqual([{ row: 2, cells: ['J-9', '上海路, 南口'] }]);
  });

  it('a file that cannot be read is a 400 naming the file and the row', () => {
    const refused = (text: string) => {
      try {
        readSpreadsheet(Buffer.from(text));
      } catch (error) {
        return error;
      }
      return null;
    };
    const short = refused('a,b\n1,2\n3\n');
    expect(short).toBeInstanceOf(DomainError);
    expect(short).toMatchObject({ kind: 'invalid', field: 'file', message: expect.stringMatching(/^file: row 3: /) });
    expect(refused('a,b\n"1,2\n')).toMatchObject({ kind: 'invalid', field: 'file' });
    expect(refused('')).toMatchObject({ field: 'file', message: expect.stringContaining('empty') });
    expect(refused('a,b\n')).toMatchObject({ field: 'file', message: expect.stringContaining('no data rows') });
  });
});
