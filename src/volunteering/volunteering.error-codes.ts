import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the volunteering module, with their HTTP status and Dutch and English messages
 * (see src/common/errors/error-catalogue.ts for the format). Registered when the module loads.
 */
export const VOLUNTEERING_ERRORS = {
  TIME_CLAIM_NOT_PENDING: {
    status: 409,
    en: 'Time claim {claimId} is {status}; only a requested claim can be approved, rejected or withdrawn.',
    nl: 'Urendeclaratie {claimId} is {status}; alleen een ingediende declaratie kan worden goedgekeurd, afgewezen of ingetrokken.',
  },
  TIME_CLAIM_NOT_APPROVED: {
    status: 409,
    en: 'Time claim {claimId} is {status}; only an approved claim can be revoked.',
    nl: 'Urendeclaratie {claimId} is {status}; alleen een goedgekeurde declaratie kan worden herroepen.',
  },
  TIME_CLAIM_DAY_LIMIT_EXCEEDED: {
    status: 422,
    en: 'A volunteer can claim at most {limit} hours per day; {date} already has {claimed} hours claimed, so {requested} more is too much.',
    nl: 'Een vrijwilliger kan hoogstens {limit} uur per dag declareren; op {date} is al {claimed} uur gedeclareerd, dus {requested} uur erbij is te veel.',
  },
  TIME_CLAIMS_REFUSED: {
    status: 422,
    en: 'Nothing was recorded: the activity has {count} problem(s), each listed under errors.',
    nl: 'Er is niets vastgelegd: de activiteit heeft {count} probleem/problemen, elk vermeld onder errors.',
  },
  HOUR_RATE_OUT_OF_RANGE: {
    status: 422,
    en: 'The hour rate must lie between {min} and {max} STK per hour.',
    nl: 'Het uurtarief moet tussen {min} en {max} STK per uur liggen.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases that may stand as a parameter value in a message, shown in the reader's language. */
export const VOLUNTEERING_PHRASES = {
  time_claim: { en: 'time claim', nl: 'urendeclaratie' },
  organisation: { en: 'organisation', nl: 'organisatie' },
  requested: { en: 'requested', nl: 'ingediend' },
  approved: { en: 'approved', nl: 'goedgekeurd' },
  rejected: { en: 'rejected', nl: 'afgewezen' },
  withdrawn: { en: 'withdrawn', nl: 'ingetrokken' },
  revoked: { en: 'revoked', nl: 'herroepen' },
  NOT_ORGANISATION_MANAGER: {
    en: 'only an admin or a manager of the organisation sets its hour rate',
    nl: 'alleen een beheerder of een coördinator van de organisatie stelt haar uurtarief in',
  },
} as const satisfies Record<string, Message>;

/** Field-level codes (the `code` of an entry under `errors`) with their messages. */
export const VOLUNTEERING_FIELD_MESSAGES = {
  isQuarterHours: {
    en: 'Must be hours in quarter-hour steps from 0.25 to 24, such as "2.50" or 2.5.',
    nl: 'Moet een aantal uren zijn in stappen van een kwartier, van 0.25 tot 24, zoals "2.50" of 2.5.',
  },
  TIME_CLAIM_DATE_IN_FUTURE: {
    en: 'The date lies after today; claim hours once they are given.',
    nl: 'De datum ligt na vandaag; declareer uren pas als ze gegeven zijn.',
  },
  TIME_CLAIM_DATE_TOO_OLD: {
    en: 'The date lies more than a year back.',
    nl: 'De datum ligt meer dan een jaar terug.',
  },
  TIME_CLAIM_DAY_LIMIT_EXCEEDED: {
    en: 'With these hours the volunteer would claim more than 24 hours on this day.',
    nl: 'Met deze uren zou de vrijwilliger meer dan 24 uur op deze dag declareren.',
  },
  TIME_CLAIM_VOLUNTEER_UNKNOWN: {
    en: 'There is no volunteer with this id.',
    nl: 'Er is geen vrijwilliger met dit id.',
  },
  TIME_CLAIM_VOLUNTEER_NEW_TO_ORGANISATION: {
    en: 'This volunteer has not worked for the organisation before: they submit their first claim themselves, and once it is approved they can be included.',
    nl: 'Deze vrijwilliger heeft nog niet eerder voor de organisatie gewerkt: die dient de eerste declaratie zelf in, en na goedkeuring kan die worden meegenomen.',
  },
  INSUFFICIENT_FUNDS: {
    en: 'Not enough Steerkes are available for this.',
    nl: 'Hiervoor zijn niet genoeg Steerkes beschikbaar.',
  },
  ACCOUNT_NOT_OPEN: {
    en: 'The account is frozen or closed.',
    nl: 'De rekening is bevroren of gesloten.',
  },
  BALANCE_LIMIT_EXCEEDED: {
    en: 'The account would exceed its highest allowed balance.',
    nl: 'De rekening zou boven haar hoogst toegestane saldo komen.',
  },
  HOUR_RATE_MIN_ABOVE_MAX: {
    en: 'min must not be above max.',
    nl: 'min mag niet boven max liggen.',
  },
  HOUR_RATE_BEYOND_BOUNDS: {
    en: 'Hour rates lie between 0.10 and 100.00 STK per hour.',
    nl: 'Uurtarieven liggen tussen 0.10 en 100.00 STK per uur.',
  },
  HOUR_RATE_OUT_OF_RANGE: {
    en: 'The rate lies outside the range the admin allows.',
    nl: 'Het tarief ligt buiten de bandbreedte die de beheerder toestaat.',
  },
  HOUR_RATE_DEFAULT_OUT_OF_RANGE: {
    en: 'The default rate must lie between min and max; send one that does.',
    nl: 'Het standaardtarief moet tussen min en max liggen; stuur er een mee dat dat doet.',
  },
} as const satisfies Record<string, Message>;

registerMessages({
  errors: VOLUNTEERING_ERRORS,
  phrases: VOLUNTEERING_PHRASES,
  fieldMessages: VOLUNTEERING_FIELD_MESSAGES,
});

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof VOLUNTEERING_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof VOLUNTEERING_PHRASES, true> {}
}
