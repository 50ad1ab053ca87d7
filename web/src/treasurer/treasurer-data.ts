import type { Problem } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { treasurerMessages } from './messages';

export const treasurerKeys = {
  trialBalance: ['treasurer', 'trial-balance'] as const,
  periods: ['treasurer', 'periods'] as const,
  integrity: ['treasurer', 'integrity'] as const,
  statement: ['treasurer', 'statement'] as const,
};

/** How many ended months the dashboard lists, newest first. */
export const MONTHS_LISTED = 12;

/** The months that have ended before `today`'s month (YYYY-MM), newest first. */
export function endedMonths(today: string, count = MONTHS_LISTED): string[] {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const months: string[] = [];
  for (let index = 0; index < count; index += 1) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    months.push(`${year}-${String(month).padStart(2, '0')}`);
  }
  return months;
}

/**
 * An amount as the API takes it ("12.50") from what a person types ("12,5", "500", " 3.25 "), or
 * null when it is no amount above zero with at most two decimals.
 */
export function normaliseAmount(text: string): string | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const amount = `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
  return Number(amount) > 0 ? amount.replace(/^0+(?=\d)/, '') : null;
}

/** The sentence for a refusal: what happened and what to do; the API's own detail for codes we do not know. */
export function refusalKey(problem: Problem): MessageKey | null {
  const key = `treasurer.refusal.${problem.code}`;
  return key in treasurerMessages.nl ? (key as MessageKey) : null;
}

/** A page's own sentence for a refusal (`treasurer.<area>.refusal.<code>`), else the treasurer's. */
export function refusalKeyIn(area: string, problem: Problem): MessageKey | null {
  const key = `treasurer.${area}.refusal.${problem.code}`;
  return key in treasurerMessages.nl ? (key as MessageKey) : refusalKey(problem);
}

export type ExportFormat = 'csv' | 'hledger' | 'beancount';

const EXTENSIONS: Record<ExportFormat, string> = {
  hledger: 'journal',
  beancount: 'beancount',
  csv: 'csv',
};

/** The file name the API gives an export: the month in it when it is one month's. */
export function exportFileName(format: ExportFormat, period: string | null): string {
  return `${period ? `steerkes-${period}` : 'steerkes'}.${EXTENSIONS[format]}`;
}

/**
 * The months a treasurer may export, newest first: this month (still open), the twelve that have
 * ended, and any older month that was closed; each with whether it is closed.
 */
export function exportMonths(
  today: string,
  closedPeriods: readonly string[],
): Array<{ period: string; closed: boolean }> {
  const closed = new Set(closedPeriods);
  const months = new Set([today.slice(0, 7), ...endedMonths(today), ...closedPeriods]);
  return [...months]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((period) => ({ period, closed: closed.has(period) }));
}

/**
 * A signed amount as the API takes it ("-12.50", "3.00") from what a person types ("−12,5",
 * "+3"), or null when it is no amount other than zero with at most two decimals.
 */
export function normaliseSignedAmount(text: string): string | null {
  const trimmed = text.trim().replace(/^[−–]/, '-');
  const sign = trimmed.startsWith('-') ? '-' : '';
  const amount = normaliseAmount(trimmed.replace(/^[-+]\s*/, ''));
  return amount === null ? null : `${sign}${amount}`;
}

/** The sum of signed amounts ("-12.50", "12.50") in cents, exact; an unreadable amount counts as 0. */
export function sumInCents(amounts: readonly string[]): number {
  return amounts.reduce((sum, text) => {
    const amount = normaliseSignedAmount(text);
    if (amount === null) return sum;
    const [whole, cents] = amount.replace('-', '').split('.');
    const value = Number(whole) * 100 + Number(cents);
    return sum + (amount.startsWith('-') ? -value : value);
  }, 0);
}

/** Cents as the API writes an amount: 1250 → "12.50", -5 → "-0.05". */
export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** What a settled booking can still pay back: what the provider received less earlier refunds. */
export function refundableOf(booking: {
  charged: string | null;
  depositKept: string | null;
  refunded: string;
}): string {
  return centsToAmount(
    sumInCents([booking.charged ?? '0', booking.depositKept ?? '0']) -
      sumInCents([booking.refunded]),
  );
}
