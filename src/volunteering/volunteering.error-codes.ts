/**
 * Error codes of the volunteering module, with their HTTP status and Dutch and English messages
 * (see src/common/errors/error-catalogue.ts for the format). Gathered into ERROR_CATALOGUE.
 */
export const VOLUNTEERING_ERRORS = {} as const satisfies Record<string, { status: number; en: string; nl: string }>;

/** Phrases that may stand as a parameter value in a message, shown in the reader's language. */
export const VOLUNTEERING_PHRASES = {} as const satisfies Record<string, { en: string; nl: string }>;

/** Field-level codes (the `code` of an entry under `errors`) with their messages. */
export const VOLUNTEERING_FIELD_MESSAGES = {} as const satisfies Record<string, { en: string; nl: string }>;
