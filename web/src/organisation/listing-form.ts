import type { components } from '../api/schema';

export type Listing = components['schemas']['ListingDto'];
/** The bodies as the API's types have them (defaulted fields are required there: always sent). */
export type CreateListingBody = components['schemas']['CreateListingDto'];
export type UpdateListingBody = components['schemas']['UpdateListingDto'];
export type Category = Listing['category'];
export type PricingUnit = Listing['pricingUnit'];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Which pricing units fit which category (as the API allows: src/catalogue/catalogue.types.ts). */
export const PRICING_UNITS_OF_CATEGORY: Record<Category, readonly PricingUnit[]> = {
  administration: ['hour'],
  materials: ['day', 'item'],
  room: ['hour', 'day_part'],
};

/** One opening span as typed: from and until (HH:MM), either may still be empty. */
export interface OpeningSpan {
  from: string;
  to: string;
}

/** The form as typed: every field a string; the opening spans of each weekday (none complete: closed). */
export interface ListingFormValues {
  category: Category;
  titleNl: string;
  titleEn: string;
  descriptionNl: string;
  descriptionEn: string;
  address: string;
  pricingUnit: PricingUnit;
  price: string;
  deposit: string;
  lateFeePerDay: string;
  quantity: string;
  capacityPersons: string;
  bufferMinutes: string;
  confirmation: 'auto' | 'provider';
  freeCancellationHours: string;
  cancellationFeePercent: string;
  opening: Record<Weekday, OpeningSpan[]>;
  status: 'active' | 'paused';
}

const EMPTY_SPAN: OpeningSpan = { from: '', to: '' };

/** Every day closed: one empty span each, ready to be filled in. */
const closedWeek = () =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, [EMPTY_SPAN]])) as ListingFormValues['opening'];

export function emptyListing(): ListingFormValues {
  return {
    category: 'materials',
    titleNl: '',
    titleEn: '',
    descriptionNl: '',
    descriptionEn: '',
    address: '',
    pricingUnit: 'day',
    price: '',
    deposit: '',
    lateFeePerDay: '',
    quantity: '1',
    capacityPersons: '',
    bufferMinutes: '0',
    confirmation: 'provider',
    freeCancellationHours: '48',
    cancellationFeePercent: '50',
    opening: closedWeek(),
    status: 'active',
  };
}

export function listingValues(listing: Listing): ListingFormValues {
  const opening = closedWeek();
  for (const day of WEEKDAYS) {
    const spans = listing.openingHours?.[day] ?? [];
    if (spans.length > 0) opening[day] = spans.map(([from, to]) => ({ from, to }));
  }
  return {
    category: listing.category,
    titleNl: listing.titleNl,
    titleEn: listing.titleEn,
    descriptionNl: listing.descriptionNl,
    descriptionEn: listing.descriptionEn,
    address: listing.address,
    pricingUnit: listing.pricingUnit,
    price: listing.price,
    deposit: listing.deposit ?? '',
    lateFeePerDay: listing.lateFeePerDay ?? '',
    quantity: String(listing.quantity),
    capacityPersons: listing.capacityPersons === null ? '' : String(listing.capacityPersons),
    bufferMinutes: String(listing.bufferMinutes),
    confirmation: listing.confirmation,
    freeCancellationHours: String(listing.freeCancellationHours),
    cancellationFeePercent: String(listing.cancellationFeePercent),
    opening,
    status: listing.status,
  };
}

const amount = (text: string) => text.trim().replace(',', '.');
const whole = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/** The week with one more (empty) span on `day`, to be filled in. */
export function withSpanAdded(
  opening: ListingFormValues['opening'],
  day: Weekday,
): ListingFormValues['opening'] {
  return { ...opening, [day]: [...opening[day], EMPTY_SPAN] };
}

/** The week without `day`'s span at `index`; a day keeps one (empty) span to type into. */
export function withSpanRemoved(
  opening: ListingFormValues['opening'],
  day: Weekday,
  index: number,
): ListingFormValues['opening'] {
  const spans = opening[day].filter((_, position) => position !== index);
  return { ...opening, [day]: spans.length > 0 ? spans : [EMPTY_SPAN] };
}

/** The week with `day`'s span at `index` changed. */
export function withSpanChanged(
  opening: ListingFormValues['opening'],
  day: Weekday,
  index: number,
  change: Partial<OpeningSpan>,
): ListingFormValues['opening'] {
  return {
    ...opening,
    [day]: opening[day].map((span, position) =>
      position === index ? { ...span, ...change } : span,
    ),
  };
}

/**
 * The opening hours to send: null when no day has a complete span (open at any time), else every
 * day's spans with both times, in the order typed (the API refuses overlapping spans).
 */
export function openingHours(
  opening: ListingFormValues['opening'],
): Record<Weekday, string[][]> | null {
  const spansOf = (day: Weekday) =>
    opening[day].filter((span) => span.from && span.to).map((span) => [span.from, span.to]);
  const days = WEEKDAYS.filter((day) => spansOf(day).length > 0);
  if (days.length === 0) return null;
  return Object.fromEntries(days.map((day) => [day, spansOf(day)])) as Record<Weekday, string[][]>;
}

/**
 * What fits the category, for POST and PATCH alike. Quantity (1 but for materials) and every
 * defaulted field are always sent: the API's types require them, and they hold without a cast.
 */
function fieldsOf(values: ListingFormValues) {
  const materials = values.category === 'materials';
  return {
    titleNl: values.titleNl.trim(),
    titleEn: values.titleEn.trim(),
    descriptionNl: values.descriptionNl.trim(),
    descriptionEn: values.descriptionEn.trim(),
    address: values.address.trim(),
    price: amount(values.price),
    ...(materials && values.deposit.trim() ? { deposit: amount(values.deposit) } : {}),
    ...(materials && values.lateFeePerDay.trim()
      ? { lateFeePerDay: amount(values.lateFeePerDay) }
      : {}),
    quantity: materials ? (whole(values.quantity) ?? 1) : 1,
    ...(values.category === 'room' && values.capacityPersons.trim()
      ? { capacityPersons: whole(values.capacityPersons) }
      : {}),
    bufferMinutes: whole(values.bufferMinutes) ?? 0,
    confirmation: values.confirmation,
    freeCancellationHours: whole(values.freeCancellationHours) ?? 48,
    cancellationFeePercent: whole(values.cancellationFeePercent) ?? 50,
    openingHours: openingHours(values.opening),
    status: values.status,
  };
}

/** The body of PATCH /listings/{id} (the category and the pricing unit do not change). */
export function listingBody(values: ListingFormValues): UpdateListingBody {
  return fieldsOf(values);
}

/** The body of POST /listings: the fields with the category and pricing unit. */
export function createListingBody(values: ListingFormValues): CreateListingBody {
  return { ...fieldsOf(values), category: values.category, pricingUnit: values.pricingUnit };
}

/**
 * Pausing or resuming: the status, with the listing's own values of the fields the API's types
 * require (they have defaults), which leaves them as they are.
 */
export function statusChange(listing: Listing, status: Listing['status']): UpdateListingBody {
  return {
    status,
    quantity: listing.quantity,
    bufferMinutes: listing.bufferMinutes,
    confirmation: listing.confirmation,
    freeCancellationHours: listing.freeCancellationHours,
    cancellationFeePercent: listing.cancellationFeePercent,
  };
}
