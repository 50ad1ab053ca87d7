import { describe, expect, it } from 'vitest';
import {
  createListingBody,
  emptyListing,
  listingBody,
  listingValues,
  type Listing,
  openingHours,
  statusChange,
  withSpanAdded,
  withSpanChanged,
  withSpanRemoved,
} from './listing-form';

/** A room as the API answers it (what the form reads). */
const sampleListing = {
  category: 'room',
  titleNl: 'Zaal',
  titleEn: 'Hall',
  descriptionNl: '',
  descriptionEn: '',
  address: 'x',
  pricingUnit: 'day_part',
  price: '4.00',
  deposit: null,
  lateFeePerDay: null,
  quantity: 1,
  capacityPersons: 80,
  bufferMinutes: 30,
  confirmation: 'auto',
  freeCancellationHours: 24,
  cancellationFeePercent: 25,
  openingHours: { sat: [['10:00', '14:00']] },
  status: 'paused',
} satisfies Partial<Listing>;

describe('listing form', () => {
  it('sends what fits a materials listing, amounts with a decimal point', () => {
    const body = listingBody({
      ...emptyListing(),
      titleNl: ' Partytent ',
      titleEn: 'Party tent',
      descriptionNl: 'Tent',
      descriptionEn: 'Tent',
      address: 'Schuurweg 5',
      price: '5,00',
      deposit: '20',
      lateFeePerDay: '2,5',
      quantity: '2',
      capacityPersons: '80',
    });
    expect(body).toMatchObject({
      titleNl: 'Partytent',
      price: '5.00',
      deposit: '20',
      lateFeePerDay: '2.5',
      quantity: 2,
      openingHours: null,
    });
    expect(body).not.toHaveProperty('capacityPersons');
  });

  it('sends no deposit for a room, quantity 1 (the only one a room has), and its capacity', () => {
    const body = listingBody({
      ...emptyListing(),
      category: 'room',
      pricingUnit: 'hour',
      deposit: '20',
      capacityPersons: '80',
    });
    expect(body).not.toHaveProperty('deposit');
    expect(body.quantity).toBe(1);
    expect(body.capacityPersons).toBe(80);
  });

  it('sends the days with both times as opening hours, or null when none', () => {
    const opening = emptyListing().opening;
    expect(openingHours(opening)).toBeNull();
    opening.mon = [{ from: '09:00', to: '17:00' }];
    opening.tue = [{ from: '09:00', to: '' }];
    expect(openingHours(opening)).toEqual({ mon: [['09:00', '17:00']] });
  });

  it('keeps every span of a day: read back, sent again, one added and one removed', () => {
    const listing = {
      ...({} as Listing),
      ...sampleListing,
      openingHours: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        sat: [['10:00', '14:00']],
      },
    };
    const values = listingValues(listing);
    expect(values.opening.mon).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(listingBody(values).openingHours).toEqual(listing.openingHours);

    let opening = withSpanAdded(values.opening, 'mon');
    expect(opening.mon).toHaveLength(3);
    expect(values.opening.mon).toHaveLength(2); // the form's values are not changed in place
    opening = withSpanChanged(opening, 'mon', 2, { from: '19:00' });
    // A span with only one time is not sent yet.
    expect(openingHours(opening)?.mon).toHaveLength(2);
    opening = withSpanChanged(opening, 'mon', 2, { to: '21:00' });
    opening = withSpanRemoved(opening, 'mon', 0);
    expect(openingHours(opening)).toEqual({
      mon: [
        ['13:00', '17:00'],
        ['19:00', '21:00'],
      ],
      sat: [['10:00', '14:00']],
    });
    // The last span of a day stays, empty, to type into: the day is closed.
    opening = withSpanRemoved(opening, 'sat', 0);
    expect(opening.sat).toEqual([{ from: '', to: '' }]);
    expect(openingHours(opening)).not.toHaveProperty('sat');
  });

  it('sends quantity 1 and the defaulted fields for every category, the category and unit on create only', () => {
    const room = { ...emptyListing(), category: 'room' as const, pricingUnit: 'hour' as const };
    expect(listingBody({ ...room, quantity: '4' })).toMatchObject({
      quantity: 1,
      bufferMinutes: 0,
      confirmation: 'provider',
      freeCancellationHours: 48,
      cancellationFeePercent: 50,
      status: 'active',
    });
    expect(listingBody(room)).not.toHaveProperty('category');
    expect(createListingBody(room)).toMatchObject({ category: 'room', pricingUnit: 'hour' });
  });

  it('pauses a listing with its own quantity, buffer and terms, so they stay as they are', () => {
    expect(statusChange({ ...({} as Listing), ...sampleListing }, 'paused')).toEqual({
      status: 'paused',
      quantity: 1,
      bufferMinutes: 30,
      confirmation: 'auto',
      freeCancellationHours: 24,
      cancellationFeePercent: 25,
    });
  });

  it('reads a listing back into the form', () => {
    const values = listingValues({
      ...({} as Listing),
      ...sampleListing,
    });
    expect(values.opening.sat).toEqual([{ from: '10:00', to: '14:00' }]);
    expect(values.opening.mon).toEqual([{ from: '', to: '' }]);
    expect(values).toMatchObject({ deposit: '', capacityPersons: '80', status: 'paused' });
  });
});
