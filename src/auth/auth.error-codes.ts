import { type CatalogueEntry, type Message, registerMessages } from '../common/errors/error-catalogue.js';

/** Error codes of logging in and of users (see src/common/errors/error-catalogue.ts). Registered when AuthModule loads. */
export const AUTH_ERRORS = {
  TOKEN_EXPIRED: { status: 401, en: 'Your session has expired; log in again.', nl: 'Uw sessie is verlopen; log opnieuw in.' },
  TOKEN_INVALID: { status: 401, en: 'The bearer token is not valid.', nl: 'Het bearer-token is niet geldig.' },
  TOKEN_REVOKED: { status: 401, en: 'This session was ended; log in again.', nl: 'Deze sessie is beëindigd; log opnieuw in.' },
  INVALID_CREDENTIALS: { status: 401, en: 'Email address or password is wrong.', nl: 'E-mailadres of wachtwoord is onjuist.' },
  EMAIL_TAKEN: { status: 409, en: 'A user with this email address already exists.', nl: 'Er bestaat al een gebruiker met dit e-mailadres.' },
} as const satisfies Record<string, CatalogueEntry>;

export const AUTH_PHRASES = {
  user: { en: 'user', nl: 'gebruiker' },

} as const satisfies Record<string, Message>;

export const AUTH_FIELD_MESSAGES = {
  PARTY_NOT_FOUND: { en: 'There is no party with this id.', nl: 'Er is geen partij met dit id.' },
  PARTY_KIND_MISMATCH: { en: 'This kind of party does not fit the role.', nl: 'Deze soort partij past niet bij de rol.' },
} as const satisfies Record<string, Message>;

registerMessages({ errors: AUTH_ERRORS, phrases: AUTH_PHRASES, fieldMessages: AUTH_FIELD_MESSAGES });

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof AUTH_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof AUTH_PHRASES, true> {}
}
