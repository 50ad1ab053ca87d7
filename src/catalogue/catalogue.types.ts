/** The vocabulary and the bounds of the shared-services catalogue. */

export const LISTING_CATEGORIES = ['administration', 'materials', 'room'] as const;
export type ListingCategory = (typeof LISTING_CATEGORIES)[number];

/** How a listing is priced. The unit also decides what a booking window looks like. */
export const PRICING_UNITS = ['hour', 'day_part', 'day', 'item'] as const;
export type PricingUnit = (typeof PRICING_UNITS)[number];

/** Which pricing units fit which category (the issue: administration per hour, materials per day or item, rooms per hour or day-part). */
export const PRICING_UNITS_OF_CATEGORY: Record<ListingCategory, readonly PricingUnit[]> = {
  administration: ['hour'],
  materials: ['day', 'item'],
  room: ['hour', 'day_part'],
};

/** What the minimum and maximum booking length of a listing count, by pricing unit. */
export const LENGTH_UNITS = ['minutes', 'day_parts', 'days'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];
export const LENGTH_UNIT_OF_PRICING: Record<PricingUnit, LengthUnit> = {
  hour: 'minutes',
  day_part: 'day_parts',
  day: 'days',
  item: 'days',
};

export const LISTING_STATUSES = ['active', 'paused'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const CONFIRMATION_MODES = ['auto', 'provider'] as const;
export type ConfirmationMode = (typeof CONFIRMATION_MODES)[number];

/**
 * Stored booking statuses. `overdue` is never stored: a checked-out booking past its end plus
 * buffer shows as overdue (no background job has to notice the moment).
 */
export const BOOKING_STATUSES = [
  'requested',
  'confirmed',
  'checked_out',
  'returned',
  'completed',
  'declined',
  'cancelled',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_VIEW_STATUSES = [...BOOKING_STATUSES, 'overdue'] as const;
export type BookingViewStatus = (typeof BOOKING_VIEW_STATUSES)[number];

/** Bookings that hold a unit of the listing: they count against its quantity. */
export const OCCUPYING_STATUSES: readonly BookingStatus[] = [
  'requested',
  'confirmed',
  'checked_out',
];

export const BOOKING_ACTIONS = [
  'request',
  'confirm',
  'decline',
  'cancel',
  'check_out',
  'return',
  'complete',
  'refund',
] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Local opening hours per weekday, e.g. {"mon": [["09:00","17:00"]]}; a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, Array<[string, string]>>>;

export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];
/** Fixed local times of the day-parts of a room, as Maastricht's community centres rent them. */
export const DAY_PART_TIMES: Record<DayPart, [string, string]> = {
  morning: ['08:00', '12:00'],
  afternoon: ['13:00', '17:00'],
  evening: ['18:00', '23:00'],
};

// --- bounds ----------------------------------------------------------------------------------

/** Hourly bookings start and end on a quarter of an hour. */
export const BOOKING_STEP_MINUTES = 15;
/** No booking is longer than a month, whatever the listing allows. */
export const BOOKING_LENGTH_DAYS_MAX = 31;
/** How far ahead a booking may start: with its length and the hold's grace it stays within the ledger's year of hold lifetime. */
export const BOOKING_START_AHEAD_DAYS_MAX = 270;
/**
 * A booking's holds expire this long after its end: a provider who never completes or records a
 * return does not keep the booker's Steerkes reserved for ever. 270 + 31 + 60 days stays below the
 * ledger's HOLD_LIFETIME_MAX_MS (366 days).
 */
export const HOLD_GRACE_AFTER_END_DAYS = 60;
/** Materials may be handed out this long before the booking starts (the evening before, say). */
export const CHECK_OUT_LEAD_HOURS_MAX = 24;
/** The longest window GET /listings/:id/availability and the calendar answer for. */
export const AVAILABILITY_WINDOW_DAYS_MAX = 62;
/** The window answered when none is asked for. */
export const AVAILABILITY_WINDOW_DAYS_DEFAULT = 7;
/** How far before and after a refused window the nearest free slot is looked for. */
export const SUGGESTION_SEARCH_DAYS_MAX = 30;
export const BUFFER_MINUTES_MAX = 7 * 24 * 60;
export const QUANTITY_MAX = 1000;
export const CAPACITY_PERSONS_MAX = 10_000;
export const FREE_CANCELLATION_HOURS_MAX = 90 * 24;
export const CANCELLATION_FEE_PERCENT_MAX = 100;
export const TITLE_LENGTH_MAX = 200;
export const LISTING_DESCRIPTION_LENGTH_MAX = 2000;
export const ADDRESS_LENGTH_MAX = 300;
export const NOTE_LENGTH_MAX = 500;
export const SEARCH_TEXT_LENGTH_MAX = 100;
export const OPENING_SPANS_PER_DAY_MAX = 4;
export const BLOCKED_REASON_LENGTH_MAX = 200;
/** How many listings one search scans per round when it must test each for a free window. */
export const SEARCH_SCAN_BATCH = 100;
