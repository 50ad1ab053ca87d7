import {
  type CatalogueEntry,
  type Message,
  registerMessages,
} from '../common/errors/error-catalogue.js';

/**
 * Error codes of the catalogue module, with their HTTP status and Dutch and English messages
 * (see src/common/errors/error-catalogue.ts for the format). Registered when the module loads.
 */
export const CATALOGUE_ERRORS = {
  BOOKING_CONFLICT: {
    status: 409,
    en: 'The listing is not free for {quantity} from {startsAt} to {endsAt} (Maastricht time), buffer included. Nearest free slot: {suggestion}.',
    nl: 'Het aanbod is niet vrij voor {quantity} van {startsAt} tot {endsAt} (Maastrichtse tijd), buffertijd meegerekend. Dichtstbijzijnde vrije moment: {suggestion}.',
  },
  LISTING_PAUSED: {
    status: 422,
    en: 'Listing {listingId} is paused and takes no bookings.',
    nl: 'Aanbod {listingId} is gepauzeerd en neemt geen boekingen aan.',
  },
  BOOKING_OWN_LISTING: {
    status: 422,
    en: 'A party cannot book its own listing.',
    nl: 'Een partij kan haar eigen aanbod niet boeken.',
  },
  BOOKING_WRONG_STATUS: {
    status: 409,
    en: 'Booking {bookingId} is {status}; it cannot be {action}.',
    nl: 'Boeking {bookingId} is {status}; ze kan niet worden {action}.',
  },
  BOOKING_ACTION_NOT_FOR_CATEGORY: {
    status: 422,
    en: 'A booking of {category} cannot be {action}.',
    nl: 'Een boeking van {category} kan niet worden {action}.',
  },
  BOOKING_NOT_STARTED: {
    status: 422,
    en: 'Booking {bookingId} starts at {startsAt} (Maastricht time); it cannot be {action} yet.',
    nl: 'Boeking {bookingId} begint op {startsAt} (Maastrichtse tijd); ze kan nog niet worden {action}.',
  },
  BOOKING_ENDED: {
    status: 422,
    en: 'Booking {bookingId} ended at {endsAt} (Maastricht time); it can no longer be {action}.',
    nl: 'Boeking {bookingId} eindigde op {endsAt} (Maastrichtse tijd); ze kan niet meer worden {action}.',
  },
  LISTING_QUANTITY_CONFLICT: {
    status: 409,
    en: 'Bookings and blocked periods already need {peak} unit(s) at once; the quantity cannot go below that.',
    nl: 'Boekingen en geblokkeerde perioden hebben al {peak} stuk(s) tegelijk nodig; het aantal kan daar niet onder.',
  },
  BLOCKED_PERIOD_CONFLICT: {
    status: 409,
    en: '{count} booking(s) fall in this period; decline or cancel them first.',
    nl: 'Er vallen {count} boeking(en) in deze periode; wijs ze eerst af of annuleer ze.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Phrases that may stand as a parameter value in a message, shown in the reader's language. */
export const CATALOGUE_PHRASES = {
  'catalogue.listing': { en: 'listing', nl: 'aanbod' },
  'catalogue.booking': { en: 'booking', nl: 'boeking' },
  'catalogue.blocked-period': { en: 'blocked period', nl: 'geblokkeerde periode' },
  'catalogue.no-free-slot': { en: 'none within 30 days', nl: 'geen binnen 30 dagen' },
  'catalogue.not-provider': {
    en: 'only members of the providing party manage a listing and its bookings',
    nl: 'alleen leden van de aanbiedende partij beheren een aanbod en de boekingen ervan',
  },
  'catalogue.not-booker': {
    en: 'only members of the booking party or the provider may do this with a booking',
    nl: 'alleen leden van de boekende partij of de aanbieder mogen dit met een boeking doen',
  },
  'catalogue.booker-kind': {
    en: 'organisations, institutions and businesses book the shared-services catalogue; volunteers spend their Steerkes with the voordeelpas',
    nl: 'organisaties, instellingen en bedrijven boeken in de gedeelde-dienstencatalogus; vrijwilligers besteden hun Steerkes met de voordeelpas',
  },
  'catalogue.provider-kind': {
    en: 'only organisations, institutions and businesses offer services in the catalogue',
    nl: 'alleen organisaties, instellingen en bedrijven bieden diensten aan in de catalogus',
  },
  'catalogue.status.requested': { en: 'requested', nl: 'aangevraagd' },
  'catalogue.status.confirmed': { en: 'confirmed', nl: 'bevestigd' },
  'catalogue.status.checked_out': { en: 'checked out', nl: 'meegegeven' },
  'catalogue.status.returned': { en: 'returned', nl: 'teruggebracht' },
  'catalogue.status.completed': { en: 'completed', nl: 'afgerond' },
  'catalogue.status.declined': { en: 'declined', nl: 'afgewezen' },
  'catalogue.status.cancelled': { en: 'cancelled', nl: 'geannuleerd' },
  'catalogue.status.overdue': { en: 'overdue', nl: 'te laat' },
  'catalogue.action.confirm': { en: 'confirmed', nl: 'bevestigd' },
  'catalogue.action.decline': { en: 'declined', nl: 'afgewezen' },
  'catalogue.action.cancel': { en: 'cancelled', nl: 'geannuleerd' },
  'catalogue.action.check_out': { en: 'checked out', nl: 'meegegeven' },
  'catalogue.action.return': { en: 'marked returned', nl: 'teruggemeld' },
  'catalogue.action.complete': { en: 'completed', nl: 'afgerond' },
  'catalogue.action.refund': { en: 'refunded', nl: 'terugbetaald' },
  'catalogue.category.administration': { en: 'administration', nl: 'administratie' },
  'catalogue.category.materials': { en: 'materials', nl: 'materialen' },
  'catalogue.category.room': { en: 'a room', nl: 'een ruimte' },
} as const satisfies Record<string, Message>;

/** Field-level codes (the `code` of an entry under `errors`) with their messages. */
export const CATALOGUE_FIELD_MESSAGES = {
  BOOKING_CONFLICT: {
    en: 'This time is taken; the parameters name the nearest free slot (null when there is none within 30 days).',
    nl: 'Deze tijd is bezet; de parameters noemen het dichtstbijzijnde vrije moment (null als er binnen 30 dagen geen is).',
  },
  MOMENT_INVALID: {
    en: 'Must be a moment such as "2026-11-28T10:00" (Maastricht time), "2026-11-28T09:00:00Z", or a date.',
    nl: 'Moet een moment zijn zoals "2026-11-28T10:00" (Maastrichtse tijd), "2026-11-28T09:00:00Z", of een datum.',
  },
  LOCAL_TIME_INVALID: {
    en: 'This time does not exist in Maastricht (the clock skips it when summer time starts).',
    nl: 'Deze tijd bestaat niet in Maastricht (de klok slaat hem over bij het ingaan van de zomertijd).',
  },
  END_NOT_AFTER_START: {
    en: 'The end must lie after the start.',
    nl: 'Het einde moet na het begin liggen.',
  },
  START_IN_PAST: { en: 'The start lies in the past.', nl: 'Het begin ligt in het verleden.' },
  START_TOO_FAR_AHEAD: {
    en: 'The start lies too far ahead.',
    nl: 'Het begin ligt te ver vooruit.',
  },
  WINDOW_NOT_ON_QUARTER_HOURS: {
    en: 'Hourly bookings start and end on a quarter of an hour.',
    nl: 'Boekingen per uur beginnen en eindigen op een kwartier.',
  },
  WINDOW_NOT_DAY_PARTS: {
    en: 'Book whole day-parts of one day: morning 08:00–12:00, afternoon 13:00–17:00, evening 18:00–23:00.',
    nl: 'Boek hele dagdelen van één dag: ochtend 08:00–12:00, middag 13:00–17:00, avond 18:00–23:00.',
  },
  WINDOW_NOT_WHOLE_DAYS: {
    en: 'Book whole days: from midnight to midnight (Maastricht time); the end is not included.',
    nl: 'Boek hele dagen: van middernacht tot middernacht (Maastrichtse tijd); het einde telt niet mee.',
  },
  WINDOW_TOO_SHORT: {
    en: 'The booking is shorter than the listing allows.',
    nl: 'De boeking is korter dan het aanbod toestaat.',
  },
  WINDOW_TOO_LONG: {
    en: 'The booking is longer than allowed.',
    nl: 'De boeking is langer dan toegestaan.',
  },
  OUTSIDE_OPENING_HOURS: {
    en: 'The listing is closed during (part of) this time.',
    nl: 'Het aanbod is (een deel van) deze tijd gesloten.',
  },
  QUANTITY_ABOVE_LISTING: {
    en: 'The listing has fewer items.',
    nl: 'Het aanbod heeft minder stuks.',
  },
  QUANTITY_NOT_ONE: {
    en: 'A room or a service is booked one at a time.',
    nl: 'Een ruimte of dienst wordt één tegelijk geboekt.',
  },
  PERSONS_ABOVE_CAPACITY: {
    en: 'More persons than the room holds.',
    nl: 'Meer personen dan de ruimte bevat.',
  },
  PERSONS_ROOMS_ONLY: {
    en: 'Only a room booking counts persons.',
    nl: 'Alleen een boeking van een ruimte telt personen.',
  },
  HOURS_ABOVE_BOOKED: { en: 'More hours than were booked.', nl: 'Meer uren dan er geboekt waren.' },
  HOURS_INVALID: {
    en: 'Must be hours as a decimal string with at most two decimals, such as "1.50".',
    nl: 'Moet uren zijn als decimale tekst met hoogstens twee decimalen, zoals "1.50".',
  },
  DEPOSIT_KEPT_ABOVE_DEPOSIT: { en: 'More than the deposit.', nl: 'Meer dan de borg.' },
  REFUND_ABOVE_RECEIVED: {
    en: 'More than the provider received and has not yet paid back.',
    nl: 'Meer dan de aanbieder ontving en nog niet terugbetaalde.',
  },
  NO_DEPOSIT: { en: 'This booking has no deposit.', nl: 'Deze boeking heeft geen borg.' },
  DAMAGE_NOTE_REQUIRED: {
    en: 'Say what was damaged when keeping deposit.',
    nl: 'Zeg wat er beschadigd is als u borg inhoudt.',
  },
  OPENING_HOURS_INVALID: {
    en: 'Must map weekdays (mon…sun) to at most four ordered ["HH:MM","HH:MM"] spans.',
    nl: 'Moet weekdagen (mon…sun) koppelen aan hoogstens vier geordende ["HH:MM","HH:MM"]-tijdvakken.',
  },
  PRICING_UNIT_NOT_FOR_CATEGORY: {
    en: 'Administration is priced per hour; materials per day or item; rooms per hour or day_part.',
    nl: 'Administratie wordt per uur geprijsd; materialen per dag of stuk; ruimtes per uur of dagdeel.',
  },
  MATERIALS_ONLY: { en: 'Only materials have this.', nl: 'Alleen materialen hebben dit.' },
  ROOMS_ONLY: { en: 'Only rooms have this.', nl: 'Alleen ruimtes hebben dit.' },
  LATE_FEE_NEEDS_DEPOSIT: {
    en: 'A late fee is taken from the deposit: set a deposit too.',
    nl: 'Een boete voor te laat terugbrengen gaat van de borg af: stel ook een borg in.',
  },
  MIN_LENGTH_ABOVE_MAX: {
    en: 'The minimum length is above the maximum.',
    nl: 'De minimale duur ligt boven de maximale.',
  },
  WINDOW_TOO_WIDE: {
    en: 'Ask for at most 62 days at a time.',
    nl: 'Vraag hoogstens 62 dagen tegelijk op.',
  },
  FROM_TO_TOGETHER: {
    en: 'Give both from and to, or neither.',
    nl: 'Geef zowel from als to, of geen van beide.',
  },
  BLOCKED_QUANTITY_ABOVE_LISTING: {
    en: 'More units than the listing has.',
    nl: 'Meer stuks dan het aanbod heeft.',
  },
} as const satisfies Record<string, Message>;

registerMessages({
  errors: CATALOGUE_ERRORS,
  phrases: CATALOGUE_PHRASES,
  fieldMessages: CATALOGUE_FIELD_MESSAGES,
});

declare module '../common/errors/error-catalogue.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface ErrorCodeRegistry extends Record<keyof typeof CATALOGUE_ERRORS, true> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface MessagePhraseRegistry extends Record<keyof typeof CATALOGUE_PHRASES, true> {}
}
