import { type Message, registerMessages } from '../common/errors/error-catalogue.js';

/** Phrases and field codes of parties (see src/common/errors/error-catalogue.ts). Registered when PartiesModule loads. */
export const PARTIES_PHRASES = {
  party: { en: 'party', nl: 'partij' },
} as const satisfies Record<string, Message>;

export const PARTIES_FIELD_MESSAGES = {
  BIRTH_DATE_VOLUNTEERS_ONLY: {
    en: 'Only a volunteer has a date of birth here.',
    nl: 'Alleen een vrijwilliger heeft hier een geboortedatum.',
  },
  BIRTH_DATE_IN_FUTURE: {
    en: 'The date of birth lies in the future.',
    nl: 'De geboortedatum ligt in de toekomst.',
  },
} as const satisfies Record<string, Message>;

registerMessages({ phrases: PARTIES_PHRASES, fieldMessages: PARTIES_FIELD_MESSAGES });

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof PARTIES_PHRASES, true> {}
}
