import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the treasury module, with their HTTP status and Dutch and English messages
 * (see src/common/errors/error-catalogue.ts for the format). Registered when the module loads.
 */
export const TREASURY_ERRORS = {
  CREDIT_LIMIT_NOT_ORGANISATION: {
    status: 422,
    en: 'Only an organisation’s account may go below zero; account {accountId} belongs to a {kind}.',
    nl: 'Alleen de rekening van een organisatie mag onder nul gaan; rekening {accountId} hoort bij een {kind}.',
  },
  CREDIT_LIMIT_ABOVE_MAX: {
    status: 422,
    en: 'A credit limit goes down to −{max} STK at most (the fund’s ORGANISATION_CREDIT_LIMIT_MAX); {requested} STK was asked.',
    nl: 'Een kredietlimiet gaat hoogstens tot −{max} STK (ORGANISATION_CREDIT_LIMIT_MAX van het fonds); er werd {requested} STK gevraagd.',
  },
  CREDIT_LIMIT_PROPOSAL_PENDING: {
    status: 409,
    en: 'Account {accountId} already has a credit limit proposal waiting ({proposalId}); approve or reject that one first.',
    nl: 'Voor rekening {accountId} wacht al een voorstel voor een kredietlimiet ({proposalId}); keur dat eerst goed of wijs het af.',
  },
  CREDIT_LIMIT_PROPOSAL_NOT_PENDING: {
    status: 409,
    en: 'Credit limit proposal {proposalId} is {status}; only a waiting proposal can be decided.',
    nl: 'Kredietlimietvoorstel {proposalId} is {status}; alleen een wachtend voorstel kan worden beslist.',
  },
  FOUR_EYES_REQUIRED: {
    status: 403,
    en: 'A credit limit needs a second person: {reason}.',
    nl: 'Een kredietlimiet heeft een tweede persoon nodig: {reason}.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases the treasury's messages name. */
export const TREASURY_PHRASES = {
  OWN_PROPOSAL: {
    en: 'the one who proposed it cannot approve it',
    nl: 'wie het voorstelde kan het niet goedkeuren',
  },
  SAME_ROLE: {
    en: 'an admin’s proposal is approved by a treasurer, a treasurer’s by an admin',
    nl: 'het voorstel van een beheerder keurt een penningmeester goed, dat van een penningmeester een beheerder',
  },
  credit_limit_proposal: { en: 'credit limit proposal', nl: 'kredietlimietvoorstel' },
  'party-kind.volunteer': { en: 'volunteer', nl: 'vrijwilliger' },
  'party-kind.business': { en: 'business', nl: 'ondernemer' },
  'party-kind.institution': { en: 'institution', nl: 'instelling' },
  'party-kind.organisation': { en: 'organisation', nl: 'organisatie' },
  'proposal-status.pending': { en: 'waiting', nl: 'wachtend' },
  'proposal-status.approved': { en: 'approved', nl: 'goedgekeurd' },
  'proposal-status.rejected': { en: 'rejected', nl: 'afgewezen' },
} as const satisfies Record<string, Message>;

registerMessages({ errors: TREASURY_ERRORS, phrases: TREASURY_PHRASES });

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof TREASURY_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof TREASURY_PHRASES, true> {}
}
