import { fieldMessageOf, type Language } from './error-catalogue.js';

/**
 * Field-level messages by class-validator constraint name, so that a Dutch client reads Dutch
 * field errors too; modules register the field codes of their own rules (registerMessages).
 * Constraints not listed fall back to a generic message.
 */
const FIELD_MESSAGES: Record<string, Record<Language, string>> = {
  whitelistValidation: { en: 'This field is not allowed.', nl: 'Dit veld is niet toegestaan.' },
  isDefined: { en: 'This field is required.', nl: 'Dit veld is verplicht.' },
  isNotEmpty: { en: 'This field must not be empty.', nl: 'Dit veld mag niet leeg zijn.' },
  isString: { en: 'Must be text.', nl: 'Moet tekst zijn.' },
  noNulCharacter: {
    en: 'Must not contain the NUL character (U+0000).',
    nl: 'Mag het NUL-teken (U+0000) niet bevatten.',
  },
  isEmail: { en: 'Must be an email address.', nl: 'Moet een e-mailadres zijn.' },
  isEnum: {
    en: 'Must be one of the allowed values.',
    nl: 'Moet een van de toegestane waarden zijn.',
  },
  isIn: {
    en: 'Must be one of the allowed values.',
    nl: 'Moet een van de toegestane waarden zijn.',
  },
  isUuid: { en: 'Must be a UUID.', nl: 'Moet een UUID zijn.' },
  isInt: { en: 'Must be a whole number.', nl: 'Moet een geheel getal zijn.' },
  isBoolean: { en: 'Must be true or false.', nl: 'Moet true of false zijn.' },
  isObject: { en: 'Must be an object.', nl: 'Moet een object zijn.' },
  isArray: { en: 'Must be a list.', nl: 'Moet een lijst zijn.' },
  arrayMinSize: { en: 'The list is too short.', nl: 'De lijst is te kort.' },
  arrayMaxSize: { en: 'The list is too long.', nl: 'De lijst is te lang.' },
  min: { en: 'The value is too small.', nl: 'De waarde is te klein.' },
  max: { en: 'The value is too large.', nl: 'De waarde is te groot.' },
  minLength: { en: 'The text is too short.', nl: 'De tekst is te kort.' },
  maxLength: { en: 'The text is too long.', nl: 'De tekst is te lang.' },
  isLength: { en: 'The text has the wrong length.', nl: 'De tekst heeft de verkeerde lengte.' },
  isDateString: { en: 'Must be an ISO-8601 date.', nl: 'Moet een ISO-8601-datum zijn.' },
  isIso8601: { en: 'Must be an ISO-8601 date.', nl: 'Moet een ISO-8601-datum zijn.' },
  matches: { en: 'The value has the wrong format.', nl: 'De waarde heeft het verkeerde formaat.' },
  isPlainText: {
    en: 'Must not contain control characters, bidirectional overrides or invisible marks.',
    nl: 'Mag geen stuurtekens, richtingsoverschrijvingen of onzichtbare tekens bevatten.',
  },
  isAmount: {
    en: 'Must be a decimal string with at most two decimals, such as "12.50".',
    nl: 'Moet een decimale tekst zijn met hoogstens twee decimalen, zoals "12.50".',
  },
  isPeriod: { en: 'Must be a month as YYYY-MM.', nl: 'Moet een maand zijn als JJJJ-MM.' },
  isCalendarDate: {
    en: 'Must be a date as YYYY-MM-DD.',
    nl: 'Moet een datum zijn als JJJJ-MM-DD.',
  },
  INVALID_AMOUNT: {
    en: 'Must be a decimal string with at most two decimals, such as "12.50".',
    nl: 'Moet een decimale tekst zijn met hoogstens twee decimalen, zoals "12.50".',
  },
  INVALID_CURSOR: {
    en: 'The cursor is not valid; start from the first page.',
    nl: 'De cursor is niet geldig; begin bij de eerste pagina.',
  },
};

const FALLBACK: Record<Language, string> = {
  en: 'The value is not valid.',
  nl: 'De waarde is niet geldig.',
};

export function fieldMessage(constraint: string, language: Language): string {
  return (FIELD_MESSAGES[constraint] ?? fieldMessageOf(constraint) ?? FALLBACK)[language];
}
