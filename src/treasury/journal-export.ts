import { csvWithText } from '../common/csv.js';
import { dayBefore, lastDayOf } from '../common/calendar.js';
import { formatAmount } from '../common/amount.js';
import type { EntryView } from '../ledger/ledger.types.js';
import { type AccountLabel, beancountAccountName, hledgerAccountName } from './account-names.js';

export const EXPORT_FORMATS = ['csv', 'hledger', 'beancount'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ClosedPeriodBalances {
  period: string;
  balances: Map<string, bigint>;
}

/** The balances a period's export starts from: every account's balance at the end of the day before. */
export interface OpeningBalances {
  date: string;
  balances: Map<string, bigint>;
}

export interface JournalExportInput {
  entries: EntryView[];
  labels: Map<string, AccountLabel>;
  closedPeriods: ClosedPeriodBalances[];
  generatedAt: string;
  /** A period's export: one opening transaction on its first day (Σ balances = 0, so it balances). */
  opening?: OpeningBalances;
}

const JOURNAL_CSV_COLUMNS = [
  'sequence',
  'entry_id',
  'effective_date',
  'created_at',
  'code',
  'description',
  'account_id',
  'account_group',
  'account_name',
  'amount',
  'currency',
  'reverses_entry_id',
] as const;
/** Typed by people (a description, a party's name): made inert for a spreadsheet. */
const JOURNAL_CSV_TEXT_COLUMNS = new Set(['description', 'account_group', 'account_name']);

/** One line per posting, for a spreadsheet or any bookkeeping package. */
export function journalCsv({ entries, labels }: JournalExportInput): string {
  const rows = entries.flatMap((entry) =>
    entry.postings.map((posting) => [
      entry.sequence,
      entry.id,
      entry.effectiveDate,
      entry.createdAt,
      entry.code,
      entry.description,
      posting.accountId,
      labels.get(posting.accountId)?.group ?? '',
      labels.get(posting.accountId)?.name ?? '',
      posting.amount,
      'STK',
      entry.reversesEntryId ?? '',
    ]),
  );
  return csvWithText(JOURNAL_CSV_COLUMNS, rows, JOURNAL_CSV_TEXT_COLUMNS);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const byDateThenSequence = (a: EntryView, b: EntryView) =>
  a.effectiveDate === b.effectiveDate
    ? a.sequence - b.sequence
    : a.effectiveDate < b.effectiveDate
      ? -1
      : 1;

/**
 * An hledger journal: one transaction per entry (its sequence as the code), and at the end of each
 * closed period a transaction of balance assertions (`= closing balance`) on every account.
 */
export function hledgerJournal({
  entries,
  labels,
  closedPeriods,
  generatedAt,
  opening,
}: JournalExportInput): string {
  const name = (accountId: string) => hledgerAccountName(labels.get(accountId)!);
  const lines = [
    `; Steerkes journal, exported ${generatedAt}`,
    '; amounts in STK (1 STK = one volunteer hour)',
    '',
  ];
  if (opening && nonZero(opening.balances).length > 0) {
    lines.push(`${opening.date} OPENING | Opening balances`);
    for (const [accountId, balance] of nonZero(opening.balances))
      lines.push(`    ${name(accountId)}  ${formatAmount(balance)} STK`);
    lines.push('');
  }
  for (const entry of [...entries].sort(byDateThenSequence)) {
    lines.push(
      `${entry.effectiveDate} (${entry.sequence}) ${entry.code} | ${oneLine(entry.description).replace(/;/g, ',')}  ; entry:${entry.id}`,
    );
    for (const posting of entry.postings)
      lines.push(`    ${name(posting.accountId)}  ${posting.amount} STK`);
    lines.push('');
  }
  // After every entry of their day: hledger orders same-day transactions as they are written.
  for (const { period, balances } of closedPeriods) {
    lines.push(`${lastDayOf(period)} closing balances ${period}`);
    for (const [accountId, balance] of balances)
      lines.push(`    ${name(accountId)}  0 STK = ${formatAmount(balance)} STK`);
    lines.push('');
  }
  return lines.join('\n');
}

const quoted = (text: string) => `"${oneLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * A Beancount file: accounts opened on the earliest date, one transaction per entry, and a
 * `balance` directive per account on the first day after each closed period (Beancount asserts
 * balances at the start of a day).
 */
export function beancountFile({
  entries,
  labels,
  closedPeriods,
  generatedAt,
  opening,
}: JournalExportInput): string {
  const name = (accountId: string) => beancountAccountName(labels.get(accountId)!);
  const dates = [
    ...entries.map((entry) => entry.effectiveDate),
    ...closedPeriods.map(({ period }) => `${period}-01`),
    ...(opening ? [opening.date] : []),
  ].sort();
  const openDate = dates.length > 0 ? dayBefore(dates[0]) : generatedAt.slice(0, 10);
  const lines = [
    `; Steerkes journal, exported ${generatedAt}`,
    'option "title" "Steerkes"',
    'option "operating_currency" "STK"',
    '',
    `${openDate} commodity STK`,
  ];
  for (const label of labels.values()) lines.push(`${openDate} open ${name(label.accountId)} STK`);
  lines.push('');
  if (opening && nonZero(opening.balances).length > 0) {
    lines.push(`${opening.date} * "OPENING" "Opening balances"`);
    for (const [accountId, balance] of nonZero(opening.balances))
      lines.push(`  ${name(accountId)}  ${formatAmount(balance)} STK`);
    lines.push('');
  }
  for (const entry of [...entries].sort(byDateThenSequence)) {
    lines.push(`${entry.effectiveDate} * ${quoted(entry.code)} ${quoted(entry.description)}`);
    lines.push(`  entry: "${entry.id}"`, `  sequence: "${entry.sequence}"`);
    for (const posting of entry.postings)
      lines.push(`  ${name(posting.accountId)}  ${posting.amount} STK`);
    lines.push('');
  }
  for (const { period, balances } of closedPeriods) {
    const nextDay = dayAfter(lastDayOf(period));
    for (const [accountId, balance] of balances)
      lines.push(`${nextDay} balance ${name(accountId)}  ${formatAmount(balance)} STK`);
  }
  lines.push('');
  return lines.join('\n');
}

const nonZero = (balances: Map<string, bigint>) =>
  [...balances].filter(([, balance]) => balance !== 0n);

function dayAfter(date: string): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + 1);
  return moment.toISOString().slice(0, 10);
}
