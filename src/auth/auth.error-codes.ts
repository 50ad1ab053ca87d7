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
  ACCOUNT_DISABLED: {
    status: 403,
    en: 'This account is disabled; ask an administrator.',
    nl: 'Dit account is uitgeschakeld; vraag het aan een beheerder.',
  },
  OWN_ACCOUNT: {
    status: 409,
    en: 'You cannot disable your own account or change your own role: ask another administrator.',
    nl: 'U kunt uw eigen account niet uitschakelen of uw eigen rol niet wijzigen: vraag het aan een andere beheerder.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    en: 'The current password is wrong; nothing was changed.',
    nl: 'Het huidige wachtwoord is onjuist; er is niets gewijzigd.',
  },
  RESET_CODE_INVALID: {
    status: 400,
    en: 'This password-reset code is not valid or was already used; ask an administrator for a new one.',
    nl: 'Deze code om het wachtwoord opnieuw in te stellen is niet geldig of al gebruikt; vraag een beheerder om een nieuwe.',
  },
  RESET_CODE_EXPIRED: {
    status: 400,
    en: 'This password-reset code has expired; ask an administrator for a new one.',
    nl: 'Deze code om het wachtwoord opnieuw in te stellen is verlopen; vraag een beheerder om een nieuwe.',
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
  PASSWORD_TOO_WEAK: {
    en: 'This password is too easy to guess (a common one, too few different characters, or your e-mail name).',
    nl: 'Dit wachtwoord is te makkelijk te raden (een veelgebruikt wachtwoord, te weinig verschillende tekens of uw e-mailnaam).',
  },
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
