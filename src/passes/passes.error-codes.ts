import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the passes module, with their HTTP status and Dutch and English messages
 * (see src/common/errors/error-catalogue.ts for the format). Registered when the module loads.
 */
export const PASSES_ERRORS = {
  PASS_NOT_FOUND: {
    status: 404,
    en: 'No voordeelpas with number {number} was found.',
    nl: 'Geen voordeelpas met nummer {number} gevonden.',
  },
  PASS_CHECK_DIGIT_INVALID: {
    status: 400,
    en: 'Pass number {number} is not valid: its check digit does not match. Check it for a typo.',
    nl: 'Pasnummer {number} is niet geldig: het controlecijfer klopt niet. Controleer het op een tikfout.',
  },
  PASS_BLOCKED: {
    status: 422,
    en: 'Voordeelpas {number} is blocked; the volunteer can see why in their app and ask for a new pass there.',
    nl: 'Voordeelpas {number} is geblokkeerd; de vrijwilliger ziet in de app waarom en kan daar een nieuwe pas aanvragen.',
  },
  PASS_EXPIRED: {
    status: 422,
    en: 'Voordeelpas {number} was valid until {validUntil}; the volunteer can ask for a new pass.',
    nl: 'Voordeelpas {number} was geldig tot en met {validUntil}; de vrijwilliger kan een nieuwe pas aanvragen.',
  },
  PASS_ALREADY_ACTIVE: {
    status: 409,
    en: 'This volunteer already has an active pass ({number}); block it first (lost, stolen) to issue a new one.',
    nl: 'Deze vrijwilliger heeft al een actieve pas ({number}); blokkeer die eerst (kwijt, gestolen) om een nieuwe uit te geven.',
  },
  PIN_REQUIRED: {
    status: 422,
    en: 'This pass is protected with a PIN; ask the volunteer to enter it.',
    nl: 'Deze pas is beveiligd met een pincode; vraag de vrijwilliger die in te voeren.',
  },
  PIN_INCORRECT: {
    status: 422,
    en: 'The PIN is wrong. After {attemptsLeft} more wrong attempt(s) in a row the pass is blocked.',
    nl: 'De pincode is onjuist. Na nog {attemptsLeft} foute poging(en) op rij wordt de pas geblokkeerd.',
  },
  PIN_ATTEMPTS_EXHAUSTED: {
    status: 422,
    en: 'The PIN was wrong {attempts} times in a row: the pass is now blocked. The volunteer can ask for a new pass.',
    nl: 'De pincode was {attempts} keer op rij onjuist: de pas is nu geblokkeerd. De vrijwilliger kan een nieuwe pas aanvragen.',
  },
  OFFER_OF_ANOTHER_BUSINESS: {
    status: 403,
    en: 'Offer {offerId} belongs to another business; a business redeems only its own offers.',
    nl: 'Aanbod {offerId} hoort bij een ander bedrijf; een bedrijf wisselt alleen zijn eigen aanbod in.',
  },
  OFFER_NOT_ACTIVE: {
    status: 422,
    en: 'Offer {offerId} cannot be redeemed on {today}: {reason}.',
    nl: 'Aanbod {offerId} kan op {today} niet worden ingewisseld: {reason}.',
  },
  OFFER_OUT_OF_STOCK: {
    status: 422,
    en: 'Offer {offerId} has {stockRemaining} left; {quantity} requested.',
    nl: 'Van aanbod {offerId} zijn er nog {stockRemaining}; gevraagd: {quantity}.',
  },
  OFFER_PER_PASS_LIMIT_REACHED: {
    status: 422,
    en: 'Offer {offerId} allows at most {limit} per pass holder {period}; {taken} already taken, {quantity} requested.',
    nl: 'Aanbod {offerId} staat hoogstens {limit} per pashouder toe {period}; al genomen: {taken}, gevraagd: {quantity}.',
  },
  PASS_DAILY_LIMIT_REACHED: {
    status: 422,
    en: 'A pass may spend at most {dailyLimit} STK a day; {amount} STK more would go over it today. The volunteer can come back tomorrow.',
    nl: 'Met een pas kan hoogstens {dailyLimit} STK per dag worden besteed; nog {amount} STK gaat daar vandaag overheen. De vrijwilliger kan morgen terugkomen.',
  },
  FISCAL_LIMIT_REACHED: {
    status: 422,
    en: 'Tax-free limit reached: this redemption would take the volunteer over their tax-free limit. Choose a cheaper offer or a smaller quantity; the volunteer can see what is left in their app.',
    nl: 'Belastingvrije grens bereikt: met deze inwisseling gaat de vrijwilliger over de belastingvrije grens. Kies een goedkoper aanbod of een kleiner aantal; de vrijwilliger ziet in de app wat er nog over is.',
  },
  PASS_BALANCE_INSUFFICIENT: {
    status: 422,
    en: 'Not enough Steerkes on this pass for {amount} STK. Choose a cheaper offer or a smaller quantity; the volunteer can see their balance in their app.',
    nl: 'Niet genoeg Steerkes op deze pas voor {amount} STK. Kies een goedkoper aanbod of een kleiner aantal; de vrijwilliger ziet het saldo in de app.',
  },
  PIN_ATTEMPTS_PAUSED: {
    status: 422,
    en: 'Too many wrong PINs for this pass at your business: try this pass again in {minutes} minutes, or after the volunteer sets a new PIN in their app.',
    nl: 'Te vaak een onjuiste pincode voor deze pas bij jouw bedrijf: probeer deze pas over {minutes} minuten opnieuw, of nadat de vrijwilliger in de app een nieuwe pincode heeft ingesteld.',
  },
  FISCAL_LIMITS_NOT_CONFIGURED: {
    status: 422,
    en: 'No tax-free limits are set for {year} or earlier; an admin sets them (PUT /fiscal/limits/{year}) before passes can be redeemed.',
    nl: 'Er zijn geen belastingvrije grenzen ingesteld voor {year} of eerder; een beheerder stelt ze in (PUT /fiscal/limits/{year}) voordat passen kunnen worden ingewisseld.',
  },
  REDEMPTION_VOID_WINDOW_CLOSED: {
    status: 409,
    en: 'Redemption {redemptionId} could be voided until {voidableUntil} ({minutes} minutes); now only a treasurer can reverse it.',
    nl: 'Inwisseling {redemptionId} kon worden geannuleerd tot {voidableUntil} ({minutes} minuten); nu kan alleen een penningmeester haar terugboeken.',
  },
  OFFER_EURO_VALUE_TOO_HIGH: {
    status: 422,
    en: 'An offer priced {price} STK may be worth at most {maxEuroValue} euro ({ratio} euro per Steerke, set by the treasurer).',
    nl: 'Een aanbod van {price} STK mag hoogstens {maxEuroValue} euro waard zijn ({ratio} euro per Steerke, vastgesteld door de penningmeester).',
  },
  REDEMPTION_NOT_COMPLETED: {
    status: 409,
    en: 'Redemption {redemptionId} is already {status}.',
    nl: 'Inwisseling {redemptionId} is al {status}.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases that may stand as a parameter value in a message, shown in the reader's language. */
export const PASSES_PHRASES = {
  pass: { en: 'voordeelpas', nl: 'voordeelpas' },
  offer: { en: 'offer', nl: 'aanbod' },
  redemption: { en: 'redemption', nl: 'inwisseling' },
  completed: { en: 'completed', nl: 'voltooid' },
  reversed: { en: 'reversed', nl: 'teruggeboekt' },
  OFFER_WITHDRAWN: { en: 'the business has withdrawn it', nl: 'het bedrijf heeft het ingetrokken' },
  OFFER_NOT_STARTED: {
    en: 'its validity has not begun yet',
    nl: 'de geldigheid is nog niet begonnen',
  },
  OFFER_ENDED: { en: 'its validity has ended', nl: 'de geldigheid is voorbij' },
  PER_PASS_DAY: { en: 'per day', nl: 'per dag' },
  PER_PASS_WEEK: { en: 'per week', nl: 'per week' },
  PER_PASS_MONTH: { en: 'per month', nl: 'per maand' },
  PER_PASS_YEAR: { en: 'per year', nl: 'per jaar' },
  PER_PASS_VALIDITY: { en: 'over the whole offer', nl: 'over het hele aanbod' },
  FISCAL_LIMIT_MONTH: { en: 'the monthly limit', nl: 'de maandgrens' },
  FISCAL_LIMIT_YEAR: { en: 'the yearly limit', nl: 'de jaargrens' },
  FISCAL_LIMIT_HOURS: {
    en: 'the limit for hours given this year (approved hours × hourly amount for the age)',
    nl: 'de grens voor dit jaar gegeven uren (goedgekeurde uren × uurbedrag voor de leeftijd)',
  },
} as const satisfies Record<string, Message>;

/** Field-level codes (the `code` of an entry under `errors`) with their messages. */
export const PASSES_FIELD_MESSAGES = {
  PASS_NUMBER_FORMAT: {
    en: 'Must be a pass number of 12 digits (spaces allowed).',
    nl: 'Moet een pasnummer van 12 cijfers zijn (spaties mogen).',
  },
  PASS_CHECK_DIGIT_INVALID: {
    en: 'The check digit does not match: check the number for a typo.',
    nl: 'Het controlecijfer klopt niet: controleer het nummer op een tikfout.',
  },
  PIN_FORMAT: { en: 'A PIN is 4 to 6 digits.', nl: 'Een pincode bestaat uit 4 tot 6 cijfers.' },
  NOT_A_VOLUNTEER: {
    en: 'This party is not a volunteer.',
    nl: 'Deze partij is geen vrijwilliger.',
  },
  VALID_UNTIL_BEFORE_VALID_FROM: {
    en: 'validUntil must not lie before validFrom.',
    nl: 'validUntil mag niet voor validFrom liggen.',
  },
  VALID_UNTIL_IN_PAST: {
    en: 'validUntil must not lie in the past.',
    nl: 'validUntil mag niet in het verleden liggen.',
  },
  MONTHLY_ABOVE_YEARLY: {
    en: 'The monthly limit must not exceed the yearly limit.',
    nl: 'De maandgrens mag niet boven de jaargrens liggen.',
  },
  YOUNG_ABOVE_ADULT: {
    en: 'The hourly amount under the adult age must not exceed the adult hourly amount.',
    nl: 'Het uurbedrag onder de volwassen leeftijd mag niet boven het uurbedrag voor volwassenen liggen.',
  },
  NOTHING_TO_CHANGE: {
    en: 'Send at least one field to change.',
    nl: 'Stuur ten minste één veld om te wijzigen.',
  },
} as const satisfies Record<string, Message>;

registerMessages({
  errors: PASSES_ERRORS,
  phrases: PASSES_PHRASES,
  fieldMessages: PASSES_FIELD_MESSAGES,
});

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof PASSES_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof PASSES_PHRASES, true> {}
}
