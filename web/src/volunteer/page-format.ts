import type { Language } from '../i18n/define-messages';
import { formatters } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

/** The same locales as i18n/format.ts (calendar dates and months need them too). */
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * The shell's formatters plus what the volunteer's and business's pages show besides: calendar
 * dates and months (YYYY-MM-DD and YYYY-MM from the API: days, not moments, so read in UTC and
 * never shifted by a time zone), hours, and signed amounts of a statement.
 */
export function pageFormatters(language: Language) {
  const locale = LOCALES[language];
  const date = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const signed = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const day = (text: string) => new Date(`${text}T00:00:00Z`);
  return {
    ...formatters(language),
    language,
    date: (calendarDate: string) => date.format(day(calendarDate)),
    month: (yearMonth: string) => month.format(day(`${yearMonth}-01`)),
    monthShort: (yearMonth: string) => monthShort.format(day(`${yearMonth}-01`)),
    hours: (decimalHours: string) => hours.format(Number(decimalHours)),
    /** A statement amount with its sign: +2,50 STK received, −3,00 STK spent. */
    signedSteerkes: (amount: string) => `${signed.format(Number(amount))} STK`,
    /** A plain number such as an axis value. */
    number: (value: number) => hours.format(value),
  };
}

export type PageFormatters = ReturnType<typeof pageFormatters>;

export function usePageFormat(): PageFormatters {
  return pageFormatters(useI18n().language);
}
