import type { Language } from './define-messages';
import { useI18n } from './i18n';

/** BCP 47 locales for Intl: Dutch as in the Netherlands; English with a decimal point (en-GB: 8.00, €15.00). */
export const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const MAASTRICHT_TIME_ZONE = 'Europe/Amsterdam';
const MILLISECONDS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;

/** Formatting of numbers, amounts and times through Intl, in the chosen language. */
export function formatters(language: Language) {
  const locale = LOCALES[language];
  const decimal = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const integer = new Intl.NumberFormat(locale);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: MAASTRICHT_TIME_ZONE,
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: MAASTRICHT_TIME_ZONE,
  });
  return {
    /** An STK amount from the API's decimal string ("12.50"): display only, never arithmetic. */
    steerkes: (amount: string) => `${decimal.format(Number(amount))} STK`,
    euro: (amount: string) => euro.format(Number(amount)),
    integer: (value: number) => integer.format(value),
    time: (iso: string) => time.format(new Date(iso)),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** Time left as m:ss (e.g. 14:05). */
    duration: (milliseconds: number) => {
      const seconds = Math.max(0, Math.ceil(milliseconds / MILLISECONDS_PER_SECOND));
      return `${Math.floor(seconds / SECONDS_PER_MINUTE)}:${String(seconds % SECONDS_PER_MINUTE).padStart(2, '0')}`;
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;

export function useFormat(): Formatters {
  return formatters(useI18n().language);
}
