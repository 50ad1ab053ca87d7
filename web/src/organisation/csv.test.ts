import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('leaves plain cells alone and quotes separators, quotes and line breaks', () => {
    expect(csvCell('Uren vergoed')).toBe('Uren vergoed');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "hoi"')).toBe('"zei ""hoi"""');
    expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
  });

  it('makes a cell that a spreadsheet would run as a formula plain text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+31')).toBe("'+31");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('-SUM(A1)')).toBe("'-SUM(A1)");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('keeps a negative amount a number', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(-3)).toBe('-3');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', '2.50'],
      ]),
    ).toBe('a,1\r\nb,2.50\r\n');
  });
});
