import { assertInvariant } from './domain-error.js';

/**
 * The error catalogue: every stable error code the API answers with, its HTTP status and its
 * message in Dutch and English, and the phrases a message may name. Messages may name parameters
 * as `{name}`; they are filled from the error's parameters. A code, once published, keeps its
 * meaning: clients switch on it.
 *
 * This file holds the codes of the HTTP layer itself. Each domain module keeps its own codes
 * beside its code (`<module>.error-codes.ts`) and registers them with `registerMessages` when its
 * Nest module is loaded; it adds its codes to the `ErrorCodeRegistry` type by declaration merging,
 * so that `new DomainError('SOME_CODE')` is checked by the compiler. common/ imports no module.
 */

export type Language = 'en' | 'nl';
export type Message = Readonly<Record<Language, string>>;
export type CatalogueEntry = Message & { readonly status: number };

export const COMMON_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    en: 'The request is not valid.',
    nl: 'Het verzoek is niet geldig.',
  },
  MALFORMED_JSON: {
    status: 400,
    en: 'The request body is not valid JSON.',
    nl: 'De inhoud van het verzoek is geen geldige JSON.',
  },
  INVALID_AMOUNT: {
    status: 400,
    en: 'The amount in {field} is not valid: {reason}.',
    nl: 'Het bedrag in {field} is niet geldig: {reason}.',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    en: 'This request moves Steerkes and needs an Idempotency-Key header (1 to 200 visible characters).',
    nl: 'Dit verzoek verplaatst Steerkes en heeft een Idempotency-Key-header nodig (1 tot 200 zichtbare tekens).',
  },
  FORBIDDEN: {
    status: 403,
    en: 'You may not do this: {reason}.',
    nl: 'U mag dit niet doen: {reason}.',
  },
  NOT_FOUND: {
    status: 404,
    en: 'No {resource} with id {id} was found.',
    nl: 'Geen {resource} met id {id} gevonden.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    en: 'There is no such endpoint.',
    nl: 'Dit endpoint bestaat niet.',
  },
  CONFLICT: {
    status: 409,
    en: 'The request conflicts with the current state: {reason}.',
    nl: 'Het verzoek botst met de huidige toestand: {reason}.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    en: 'This Idempotency-Key was already used for a different request.',
    nl: 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    en: 'The request body is too large.',
    nl: 'De inhoud van het verzoek is te groot.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the request body as application/json.',
    nl: 'Stuur de inhoud van het verzoek als application/json.',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many requests; try again later.',
    nl: 'Te veel verzoeken; probeer het later opnieuw.',
  },
  INTERNAL_ERROR: {
    status: 500,
    en: 'Something went wrong on our side. Quote request id {requestId} when you report it.',
    nl: 'Er ging iets mis aan onze kant. Vermeld verzoek-id {requestId} als u het meldt.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service cannot handle requests right now; try again shortly.',
    nl: 'De dienst kan nu geen verzoeken verwerken; probeer het zo opnieuw.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export const COMMON_PHRASES = {
  ROLE_REQUIRED: { en: 'your role does not allow it', nl: 'uw rol staat het niet toe' },
} as const satisfies Record<string, Message>;

/** Every error code; modules add theirs (see the `declare module` block in each `*.error-codes.ts`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ErrorCodeRegistry extends Record<keyof typeof COMMON_ERRORS, true> {}
export type ErrorCode = Extract<keyof ErrorCodeRegistry, string>;

/** Every phrase that may stand in a message as a parameter; modules add theirs as for codes. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface MessagePhraseRegistry extends Record<keyof typeof COMMON_PHRASES, true> {}
export type MessagePhrase = Extract<keyof MessagePhraseRegistry, string>;

const errors = new Map<string, CatalogueEntry>(Object.entries(COMMON_ERRORS));
const phrases = new Map<string, Message>(Object.entries(COMMON_PHRASES));
const fieldMessages = new Map<string, Message>();

/**
 * Adds a module's codes, phrases and field messages. A code registered twice with another
 * meaning is a programming error: two modules would answer one code differently.
 */
export function registerMessages(messages: {
  errors?: Record<string, CatalogueEntry>;
  phrases?: Record<string, Message>;
  fieldMessages?: Record<string, Message>;
}): void {
  add(errors, messages.errors ?? {}, 'error code');
  add(phrases, messages.phrases ?? {}, 'phrase');
  add(fieldMessages, messages.fieldMessages ?? {}, 'field message');
}

function add<T extends Message>(
  target: Map<string, T>,
  entries: Record<string, T>,
  what: string,
): void {
  for (const [key, entry] of Object.entries(entries)) {
    const existing = target.get(key);
    assertInvariant(
      !existing || (existing.en === entry.en && existing.nl === entry.nl),
      `${what} ${key} is registered twice with different messages`,
    );
    target.set(key, entry);
  }
}

/** The catalogue entry of a code; a code nobody registered is a programming error. */
export function catalogueEntry(code: string): CatalogueEntry {
  const entry = errors.get(code);
  assertInvariant(
    entry,
    `error code ${code} is not registered: the module's *.module.ts imports its error codes`,
  );
  return entry;
}

/** Every registered code, for the OpenAPI document. */
export function errorCodes(): string[] {
  return [...errors.keys()].sort();
}

/** The message of a field-level code, if one is registered. */
export function fieldMessageOf(code: string): Message | undefined {
  return fieldMessages.get(code);
}

export function renderMessage(
  template: string,
  parameters: Record<string, unknown>,
  language: Language = 'en',
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in parameters)) return whole;
    const value = parameters[name];
    const phrase = typeof value === 'string' ? phrases.get(value) : undefined;
    return phrase ? phrase[language] : String(value);
  });
}
