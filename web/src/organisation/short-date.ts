import type { Language } from '../i18n/define-messages';

const FORMATS: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: 'UTC' }),
};

/** A calendar date (YYYY-MM-DD) short enough for a table column on a phone: 03-12-2026, 03/12/2026. */
export function shortDate(language: Language, calendarDate: string): string {
  return FORMATS[language].format(new Date(`${calendarDate}T00:00:00Z`));
}
