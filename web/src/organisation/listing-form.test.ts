import { describe, expect, it } from 'vitest';
import {
  emptyListing,
  listingBody,
  listingValues,
  type Listing,
  openingHours,
} from './listing-form';

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

  it('sends no deposit or quantity for a room, but its capacity', () => {
    const body = listingBody({
      ...emptyListing(),
      category: 'room',
      pricingUnit: 'hour',
      deposit: '20',
      capacityPersons: '80',
    });
    expect(body).not.toHaveProperty('deposit');
    expect(body).not.toHaveProperty('quantity');
    expect(body.capacityPersons).toBe(80);
  });

  it('sends the days with both times as opening hours, or null when none', () => {
    const opening = emptyListing().opening;
    expect(openingHours(opening)).toBeNull();
    opening.mon = { from: '09:00', to: '17:00' };
    opening.tue = { from: '09:00', to: '' };
    expect(openingHours(opening)).toEqual({ mon: [['09:00', '17:00']] });
  });

  it('reads a listing back into the form', () => {
    const values = listingValues({
      ...({} as Listing),
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
    });
    expect(values.opening.sat).toEqual({ from: '10:00', to: '14:00' });
    expect(values.opening.mon).toEqual({ from: '', to: '' });
    expect(values).toMatchObject({ deposit: '', capacityPersons: '80', status: 'paused' });
  });
});
