import { AUTH_ERRORS, AUTH_PHRASES } from '../../auth/auth.error-codes.js';
import { CATALOGUE_ERRORS, CATALOGUE_PHRASES } from '../../catalogue/catalogue.error-codes.js';
import { PASSES_ERRORS, PASSES_PHRASES } from '../../passes/passes.error-codes.js';
import { VOLUNTEERING_ERRORS, VOLUNTEERING_PHRASES } from '../../volunteering/volunteering.error-codes.js';

/**
 * Every stable error code the API answers with, its HTTP status and its message in Dutch and
 * English. Messages may name parameters as `{name}`; they are filled from the error's parameters.
 * A code, once published, keeps its meaning: clients switch on it. Domain modules keep their own
 * codes beside their code (`<module>.error-codes.ts`); they are gathered here.
 */
export const ERROR_CATALOGUE = {
  ...AUTH_ERRORS,
  ...VOLUNTEERING_ERRORS,
  ...PASSES_ERRORS,
  ...CATALOGUE_ERRORS,
  VALIDATION_FAILED: { status: 400, en: 'The request is not valid.', nl: 'Het verzoek is niet geldig.' },
  MALFORMED_JSON: { status: 400, en: 'The request body is not valid JSON.', nl: 'De inhoud van het verzoek is geen geldige JSON.' },
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
  FORBIDDEN: { status: 403, en: 'You may not do this: {reason}.', nl: 'U mag dit niet doen: {reason}.' },
  NOT_FOUND: { status: 404, en: 'No {resource} with id {id} was found.', nl: 'Geen {resource} met id {id} gevonden.' },
  ROUTE_NOT_FOUND: { status: 404, en: 'There is no such endpoint.', nl: 'Dit endpoint bestaat niet.' },
  CONFLICT: { status: 409, en: 'The request conflicts with the current state: {reason}.', nl: 'Het verzoek botst met de huidige toestand: {reason}.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    en: 'This Idempotency-Key was already used for a different request.',
    nl: 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large.', nl: 'De inhoud van het verzoek is te groot.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the request body as application/json.',
    nl: 'Stuur de inhoud van het verzoek als application/json.',
  },
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
  ACCOUNT_NOT_OPEN: { status: 422, en: 'Account {accountId} is {status}.', nl: 'Rekening {accountId} is {status}.' },
  SAME_ACCOUNT: { status: 422, en: 'An account cannot pay itself.', nl: 'Een rekening kan niet aan zichzelf betalen.' },
  CURRENCY_MISMATCH: { status: 422, en: 'The accounts hold different currencies.', nl: 'De rekeningen hebben verschillende valuta.' },
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
  ENTRY_ALREADY_REVERSED: { status: 409, en: 'Entry {entryId} has already been reversed.', nl: 'Boeking {entryId} is al teruggedraaid.' },
  ENTRY_NOT_REVERSIBLE: { status: 422, en: 'Entry {entryId} is itself a reversal.', nl: 'Boeking {entryId} is zelf een terugboeking.' },
  HOLD_NOT_PENDING: { status: 409, en: 'Hold {holdId} is {status}, not pending.', nl: 'Reservering {holdId} is {status}, niet openstaand.' },
  HOLD_EXPIRED: { status: 409, en: 'Hold {holdId} has expired.', nl: 'Reservering {holdId} is verlopen.' },
  HOLD_AMOUNT_EXCEEDED: {
    status: 422,
    en: 'Hold {holdId} reserves {holdAmount} STK; {requested} STK cannot be posted.',
    nl: 'Reservering {holdId} is {holdAmount} STK; {requested} STK kan niet worden geboekt.',
  },
  PERIOD_CLOSED: {
    status: 422,
    en: 'Period {period} is closed; book the correction in an open period.',
    nl: 'Periode {period} is afgesloten; boek de correctie in een open periode.',
  },
  PERIOD_NOT_ENDED: {
    status: 422,
    en: 'Period {period} has not ended yet; a month closes after its last day.',
    nl: 'Periode {period} is nog niet voorbij; een maand sluit na haar laatste dag.',
  },
  RATE_LIMITED: { status: 429, en: 'Too many requests; try again later.', nl: 'Te veel verzoeken; probeer het later opnieuw.' },
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
} as const satisfies Record<string, { status: number; en: string; nl: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type Language = 'en' | 'nl';

/**
 * Phrases that stand in a message as a parameter (the reason of a refusal, a resource name):
 * a parameter whose value is one of these keys is shown in the reader's language.
 */
export const MESSAGE_PHRASES = {
  ...AUTH_PHRASES,
  ...VOLUNTEERING_PHRASES,
  ...PASSES_PHRASES,
  ...CATALOGUE_PHRASES,
  ROLE_REQUIRED: { en: 'your role does not allow it', nl: 'uw rol staat het niet toe' },
  NOT_PAYING_PARTY: {
    en: 'only members of the paying party move its Steerkes; the treasury issues and corrects',
    nl: 'alleen leden van de betalende partij verplaatsen haar Steerkes; de penningmeester geeft uit en corrigeert',
  },
  NOT_RECEIVING_PARTY: {
    en: 'only the receiving party or a treasurer settles a hold',
    nl: 'alleen de ontvangende partij of een penningmeester handelt een reservering af',
  },
  SYSTEM_ACCOUNT_POLICY: { en: 'system accounts keep their policy', nl: 'systeemrekeningen houden hun beleid' },
  FEWER_THAN_TWO_POSTINGS: { en: 'it has fewer than two postings', nl: 'er zijn minder dan twee boekingsregels' },
  TOO_MANY_POSTINGS: { en: 'it has too many postings', nl: 'er zijn te veel boekingsregels' },
  ACCOUNT_TWICE: { en: 'an account appears twice', nl: 'een rekening komt twee keer voor' },
  ZERO_POSTING: { en: 'a posting is zero', nl: 'een boekingsregel is nul' },
  SUM_NOT_ZERO: { en: 'the postings do not sum to zero', nl: 'de boekingsregels zijn samen niet nul' },
  open: { en: 'open', nl: 'open' },
  frozen: { en: 'frozen', nl: 'bevroren' },
  closed: { en: 'closed', nl: 'gesloten' },
  pending: { en: 'pending', nl: 'openstaand' },
  posted: { en: 'posted', nl: 'geboekt' },
  voided: { en: 'voided', nl: 'vervallen' },
  expired: { en: 'expired', nl: 'verlopen' },
  account: { en: 'account', nl: 'rekening' },
  party: { en: 'party', nl: 'partij' },
  entry: { en: 'entry', nl: 'boeking' },
  hold: { en: 'hold', nl: 'reservering' },
  user: { en: 'user', nl: 'gebruiker' },
} as const satisfies Record<string, { en: string; nl: string }>;

export type MessagePhrase = keyof typeof MESSAGE_PHRASES;

export function renderMessage(template: string, parameters: Record<string, unknown>, language: Language = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in parameters)) return whole;
    const value = parameters[name];
    const phrase = typeof value === 'string' ? (MESSAGE_PHRASES as Record<string, Record<Language, string>>)[value] : undefined;
    return phrase ? phrase[language] : String(value);
  });
}
