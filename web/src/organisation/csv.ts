/**
 * CSV for a spreadsheet, made in the browser from rows the page already has. A cell that starts
 * with = + - @, a tab or a carriage return (but not a plain number such as -12.50) is prefixed with an apostrophe so that a spreadsheet
 * shows it as text and never runs it as a formula (CSV injection); a cell with a separator, a
 * quote or a line break is quoted. Lines end in CRLF (RFC 4180).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as -12.50 is no formula: it stays a number the spreadsheet can add up. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",;\r\n]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
