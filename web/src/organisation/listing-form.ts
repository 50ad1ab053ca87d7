import type { components } from '../api/schema';

export type Listing = components['schemas']['ListingDto'];
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

/** The form as typed: every field a string; one opening span per weekday (empty: closed). */
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
  opening: Record<Weekday, { from: string; to: string }>;
  status: 'active' | 'paused';
}

const closedWeek = () =>
  Object.fromEntries(
    WEEKDAYS.map((day) => [day, { from: '', to: '' }]),
  ) as ListingFormValues['opening'];

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
    const span = listing.openingHours?.[day]?.[0];
    if (span) opening[day] = { from: span[0], to: span[1] };
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

/**
 * The opening hours to send: null when no day has a span (open at any time), else each day with
 * both times. A listing with more than one span per day keeps only its first here.
 */
export function openingHours(
  opening: ListingFormValues['opening'],
): Record<string, string[][]> | null {
  const days = WEEKDAYS.filter((day) => opening[day].from && opening[day].to);
  if (days.length === 0) return null;
  return Object.fromEntries(days.map((day) => [day, [[opening[day].from, opening[day].to]]]));
}

/** The body of POST /listings (or, without category and pricing unit, of PATCH): what fits the category. */
export function listingBody(values: ListingFormValues) {
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
    ...(materials ? { quantity: whole(values.quantity) ?? 1 } : {}),
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
