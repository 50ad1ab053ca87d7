import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the auth module (logging in, bearer tokens, login sessions and users), with their
 * HTTP status and Dutch and English messages (see src/common/errors/error-catalogue.ts for the
 * format). Registered when AuthModule loads.
 */
export const AUTH_ERRORS = {
  UNAUTHENTICATED: {
    status: 401,
    en: 'Log in first: this request needs a bearer token.',
    nl: 'Log eerst in: dit verzoek heeft een bearer-token nodig.',
  },
  TOKEN_EXPIRED: {
    status: 401,
    en: 'Your session has expired; log in again.',
    nl: 'Uw sessie is verlopen; log opnieuw in.',
  },
  TOKEN_INVALID: {
    status: 401,
    en: 'The bearer token is not valid.',
    nl: 'Het bearer-token is niet geldig.',
  },
  TOKEN_REVOKED: {
    status: 401,
    en: 'This session was ended; log in again.',
    nl: 'Deze sessie is beëindigd; log opnieuw in.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'Email address or password is wrong.',
    nl: 'E-mailadres of wachtwoord is onjuist.',
  },
  SESSION_REQUIRED: {
    status: 401,
    en: 'No login session was sent (the session cookie is missing); log in.',
    nl: 'Er is geen inlogsessie meegestuurd (het sessiecookie ontbreekt); log in.',
  },
  SESSION_INVALID: {
    status: 401,
    en: 'The login session is not valid; log in again.',
    nl: 'De inlogsessie is niet geldig; log opnieuw in.',
  },
  SESSION_EXPIRED: {
    status: 401,
    en: 'Your login session has expired ({reason}); log in again.',
    nl: 'Uw inlogsessie is verlopen ({reason}); log opnieuw in.',
  },
  SESSION_ENDED: {
    status: 401,
    en: 'This login session was ended; log in again.',
    nl: 'Deze inlogsessie is beëindigd; log opnieuw in.',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    en: 'This session cookie was already used once, so it may have been copied: the session is ended for safety. Log in again.',
    nl: 'Dit sessiecookie is al eens gebruikt en is dus mogelijk gekopieerd: de sessie is voor de zekerheid beëindigd. Log opnieuw in.',
  },
  EMAIL_TAKEN: {
    status: 409,
    en: 'A user with this email address already exists.',
    nl: 'Er bestaat al een gebruiker met dit e-mailadres.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases that may stand as a parameter value in a message, shown in the reader's language. */
export const AUTH_PHRASES = {
  'auth.session-idle': { en: 'not used for too long', nl: 'te lang niet gebruikt' },
  'auth.session-lifetime': {
    en: 'it reached its maximum length',
    nl: 'de maximale duur is bereikt',
  },
  user: { en: 'user', nl: 'gebruiker' },
} as const satisfies Record<string, Message>;

export const AUTH_FIELD_MESSAGES = {
  PARTY_NOT_FOUND: { en: 'There is no party with this id.', nl: 'Er is geen partij met dit id.' },
  PARTY_KIND_MISMATCH: {
    en: 'This kind of party does not fit the role.',
    nl: 'Deze soort partij past niet bij de rol.',
  },
} as const satisfies Record<string, Message>;

registerMessages({
  errors: AUTH_ERRORS,
  phrases: AUTH_PHRASES,
  fieldMessages: AUTH_FIELD_MESSAGES,
});

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof AUTH_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof AUTH_PHRASES, true> {}
}
