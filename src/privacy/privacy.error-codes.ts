import { type CatalogueEntry, registerMessages } from '../common/errors/error-catalogue.js';

/**
 * Error codes of the privacy module, with their HTTP status and Dutch and English messages (see
 * src/common/errors/error-catalogue.ts for the format). Registered when the module loads.
 */
export const PRIVACY_ERRORS = {
  ERASURE_BALANCE_REMAINS: {
    status: 409,
    en: 'Your account still holds {balance} STK ({pending} STK reserved). Spend it, give it to someone, or ask the treasury to retire it; then ask for erasure again.',
    nl: 'Je rekening heeft nog {balance} STK ({pending} STK gereserveerd). Besteed het, geef het aan iemand, of vraag de penningmeester het in te nemen; vraag daarna opnieuw om verwijdering.',
  },
} as const satisfies Record<string, CatalogueEntry>;

registerMessages({ errors: PRIVACY_ERRORS });

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof PRIVACY_ERRORS, true> {}
}
