import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the ledger, with their HTTP status and Dutch and English messages (see
 * src/common/errors/error-catalogue.ts for the format). Registered when LedgerModule loads.
 */
export const LEDGER_ERRORS = {
  INSUFFICIENT_FUNDS: {
    status: 422,
    en: 'Account {accountId} has {available} STK available; {required} STK is needed.',
    nl: 'Rekening {accountId} heeft {available} STK beschikbaar; er is {required} STK nodig.',
  },
  BALANCE_LIMIT_EXCEEDED: {
    status: 422,
    en: 'Account {accountId} may hold at most {maxBalance} STK.',
    nl: 'Rekening {accountId} mag hoogstens {maxBalance} STK bevatten.',
  },
  ACCOUNT_NOT_OPEN: {
    status: 422,
    en: 'Account {accountId} is {status}.',
    nl: 'Rekening {accountId} is {status}.',
  },
  SAME_ACCOUNT: {
    status: 422,
    en: 'An account cannot pay itself.',
    nl: 'Een rekening kan niet aan zichzelf betalen.',
  },
  CURRENCY_MISMATCH: {
    status: 422,
    en: 'The accounts hold different currencies.',
    nl: 'De rekeningen hebben verschillende valuta.',
  },
  ENTRY_UNBALANCED: {
    status: 422,
    en: 'An entry needs two or more postings, on different accounts, that sum to zero: {reason}.',
    nl: 'Een boeking heeft twee of meer boekingsregels nodig, op verschillende rekeningen, die samen nul zijn: {reason}.',
  },
  POLICY_CONFLICTS_WITH_BALANCE: {
    status: 422,
    en: 'Account {accountId} holds {balance} STK ({available} STK available); the new limits would already be broken.',
    nl: 'Rekening {accountId} staat op {balance} STK ({available} STK beschikbaar); de nieuwe grenzen zouden nu al overschreden zijn.',
  },
  ENTRY_CODE_NOT_ALLOWED: {
    status: 422,
    en: 'Entry code {entryCode} cannot be used here.',
    nl: 'Boekingscode {entryCode} kan hier niet worden gebruikt.',
  },
  ENTRY_ALREADY_REVERSED: {
    status: 409,
    en: 'Entry {entryId} has already been reversed.',
    nl: 'Boeking {entryId} is al teruggedraaid.',
  },
  ENTRY_NOT_REVERSIBLE: {
    status: 422,
    en: 'Entry {entryId} is itself a reversal.',
    nl: 'Boeking {entryId} is zelf een terugboeking.',
  },
  HOLD_NOT_PENDING: {
    status: 409,
    en: 'Hold {holdId} is {status}, not pending.',
    nl: 'Reservering {holdId} is {status}, niet openstaand.',
  },
  HOLD_EXPIRED: {
    status: 409,
    en: 'Hold {holdId} has expired.',
    nl: 'Reservering {holdId} is verlopen.',
  },
  HOLD_AMOUNT_EXCEEDED: {
    status: 422,
    en: 'Hold {holdId} reserves {holdAmount} STK; {requested} STK cannot be posted.',
    nl: 'Reservering {holdId} is {holdAmount} STK; {requested} STK kan niet worden geboekt.',
  },
  HOLD_OWNED_BY_MODULE: {
    status: 409,
    en: 'Hold {holdId} belongs to {origin}; {correction}.',
    nl: 'Reservering {holdId} hoort bij {origin}; {correction}.',
  },
  ENTRY_OWNED_BY_MODULE: {
    status: 409,
    en: 'Entry {entryId} belongs to {origin}; {correction}.',
    nl: 'Boeking {entryId} hoort bij {origin}; {correction}.',
  },
  CREDIT_LIMIT_NEEDS_APPROVAL: {
    status: 409,
    en: 'The credit limit (minBalance) of account {accountId} changes only with a second person’s approval: propose it with POST /api/v1/treasury/credit-limits.',
    nl: 'De kredietlimiet (minBalance) van rekening {accountId} verandert alleen met goedkeuring van een tweede persoon: stel haar voor met POST /api/v1/treasury/credit-limits.',
  },
  PERIOD_CLOSED: {
    status: 422,
    en: 'Period {period} is closed; book the correction in an open period.',
    nl: 'Periode {period} is afgesloten; boek de correctie in een open periode.',
  },
  BOOKS_CLOSED: {
    status: 422,
    en: 'The books are closed up to the end of {period}; {effectiveDate} lies before it. Book the correction in an open period.',
    nl: 'De boeken zijn afgesloten tot en met {period}; {effectiveDate} ligt daarvoor. Boek de correctie in een open periode.',
  },
  REDEMPTION_REQUIRED: {
    status: 422,
    en: 'A volunteer pays a business with the voordeelpas at the counter (a redemption), not with a transfer or a hold.',
    nl: 'Een vrijwilliger betaalt een bedrijf met de voordeelpas aan de kassa (een verzilvering), niet met een overboeking of reservering.',
  },
  PERIOD_NOT_ENDED: {
    status: 422,
    en: 'Period {period} has not ended yet; a month closes after its last day.',
    nl: 'Periode {period} is nog niet voorbij; een maand sluit na haar laatste dag.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases the ledger's messages name: reasons, statuses and resources. */
export const LEDGER_PHRASES = {
  NOT_PAYING_PARTY: {
    en: 'only members of the paying party move its Steerkes; the treasury issues and corrects',
    nl: 'alleen leden van de betalende partij verplaatsen haar Steerkes; de penningmeester geeft uit en corrigeert',
  },
  NOT_RECEIVING_PARTY: {
    en: 'only the receiving party or a treasurer settles a hold',
    nl: 'alleen de ontvangende partij of een penningmeester handelt een reservering af',
  },
  SYSTEM_ACCOUNT_POLICY: {
    en: 'system accounts keep their policy',
    nl: 'systeemrekeningen houden hun beleid',
  },
  FEWER_THAN_TWO_POSTINGS: {
    en: 'it has fewer than two postings',
    nl: 'er zijn minder dan twee boekingsregels',
  },
  TOO_MANY_POSTINGS: { en: 'it has too many postings', nl: 'er zijn te veel boekingsregels' },
  ACCOUNT_TWICE: { en: 'an account appears twice', nl: 'een rekening komt twee keer voor' },
  ZERO_POSTING: { en: 'a posting is zero', nl: 'een boekingsregel is nul' },
  SUM_NOT_ZERO: {
    en: 'the postings do not sum to zero',
    nl: 'de boekingsregels zijn samen niet nul',
  },
  CORRECT_IN_CATALOGUE: {
    en: 'settle or correct it through the booking: confirm, decline, cancel, complete, return or refund (/api/v1/bookings/{id}/…)',
    nl: 'handel het af of corrigeer het via de boeking: bevestigen, afwijzen, annuleren, afronden, terugbrengen of terugbetalen (/api/v1/bookings/{id}/…)',
  },
  CORRECT_IN_VOLUNTEERING: {
    en: 'revoke the time claim instead (POST /api/v1/time-claims/{id}/revoke)',
    nl: 'trek de urendeclaratie in (POST /api/v1/time-claims/{id}/revoke)',
  },
  CORRECT_IN_PASSES: {
    en: 'reverse the redemption instead (POST /api/v1/redemptions/{id}/reversal)',
    nl: 'draai de inwisseling terug (POST /api/v1/redemptions/{id}/reversal)',
  },
  open: { en: 'open', nl: 'open' },
  frozen: { en: 'frozen', nl: 'bevroren' },
  closed: { en: 'closed', nl: 'gesloten' },
  pending: { en: 'pending', nl: 'openstaand' },
  posted: { en: 'posted', nl: 'geboekt' },
  voided: { en: 'voided', nl: 'vervallen' },
  expired: { en: 'expired', nl: 'verlopen' },
  account: { en: 'account', nl: 'rekening' },
  entry: { en: 'entry', nl: 'boeking' },
  hold: { en: 'hold', nl: 'reservering' },
} as const satisfies Record<string, Message>;

/** Field-level codes of the ledger's rules. */
export const LEDGER_FIELD_MESSAGES = {
  MIN_ABOVE_MAX: {
    en: 'minBalance must not be above maxBalance.',
    nl: 'minBalance mag niet boven maxBalance liggen.',
  },
  CREDIT_LIMIT_ABOVE_ZERO: {
    en: 'A credit limit is zero or below zero.',
    nl: 'Een kredietlimiet is nul of lager dan nul.',
  },
  EFFECTIVE_DATE_IN_FUTURE: {
    en: 'The effective date lies after today.',
    nl: 'De boekdatum ligt na vandaag.',
  },
  EFFECTIVE_DATE_TOO_OLD: {
    en: 'The effective date lies too far back; ask a treasurer.',
    nl: 'De boekdatum ligt te ver terug; vraag een penningmeester.',
  },
  METADATA_INVALID: {
    en: 'Must be a flat object of at most 4 KB.',
    nl: 'Moet een plat object zijn van hoogstens 4 KB.',
  },
  HOLD_EXPIRY_INVALID: {
    en: 'Must be a moment in the future, at most a year ahead.',
    nl: 'Moet een moment in de toekomst zijn, hoogstens een jaar vooruit.',
  },
} as const satisfies Record<string, Message>;

registerMessages({
  errors: LEDGER_ERRORS,
  phrases: LEDGER_PHRASES,
  fieldMessages: LEDGER_FIELD_MESSAGES,
});

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof LEDGER_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof LEDGER_PHRASES, true> {}
}
