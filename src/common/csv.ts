import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would run as a formula starts so (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Free text made inert for a spreadsheet: a leading single quote, as OWASP advises. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV file whose free-text columns (`textColumns`: descriptions, names) are made inert for a
 * spreadsheet. The other columns are ours (amounts, dates, ids, codes) and stay as generated, so
 * that a negative amount such as "-2.50" is still a number to the spreadsheet.
 */
export function csvWithText(
  columns: readonly string[],
  rows: readonly unknown[][],
  textColumns: ReadonlySet<string>,
): string {
  const textIndexes = columns.flatMap((column, index) => (textColumns.has(column) ? [index] : []));
  const safeRows = rows.map((row) => {
    const copy = [...row];
    for (const index of textIndexes)
      if (typeof copy[index] === 'string') copy[index] = spreadsheetSafe(copy[index]);
    return copy;
  });
  return stringify(safeRows, { header: true, columns: [...columns] });
}
