import { csvWithText, spreadsheetSafe } from './csv.js';

describe('spreadsheetSafe', () => {
  it.each(['=1+2', '+31 43', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])(
    'puts a single quote before %j',
    (text) => expect(spreadsheetSafe(text)).toBe(`'${text}`),
  );

  it.each(['Koffie', '', ' =1', "'=1", '2.50'])('leaves %j as it is', (text) =>
    expect(spreadsheetSafe(text)).toBe(text),
  );
});

describe('csvWithText', () => {
  it('escapes the text columns only: a negative amount stays a number', () => {
    const csv = csvWithText(
      ['description', 'amount'],
      [
        ['=cmd|calc', '-2.50'],
        ['-koffie', '3.00'],
      ],
      new Set(['description']),
    );
    expect(csv).toBe("description,amount\n'=cmd|calc,-2.50\n'-koffie,3.00\n");
  });
});
