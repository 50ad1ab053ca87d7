import type { Language } from '../i18n/define-messages';

const FORMATS: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: 'UTC' }),
};

/** A calendar date (YYYY-MM-DD) short enough for a table column on a phone: 03-12-2026, 03/12/2026. */
export function shortDate(language: Language, calendarDate: string): string {
  return FORMATS[language].format(new Date(`${calendarDate}T00:00:00Z`));
}

const AMOUNTS: Record<Language, { plain: Intl.NumberFormat; signed: Intl.NumberFormat }> = {
  nl: {
    plain: new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    signed: new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    }),
  },
  en: {
    plain: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    signed: new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    }),
  },
};

/** An STK amount in a table column whose heading says "(STK)": the number alone, signed if asked. */
export function columnAmount(language: Language, amount: string, signed = false): string {
  return AMOUNTS[language][signed ? 'signed' : 'plain'].format(Number(amount));
}
