import { describe, expect, it } from 'vitest';
import type { components } from '../api/schema';
import {
  countFieldsNotWhole,
  createOfferBody,
  emptyOfferForm,
  offerFormFrom,
  updateOfferBody,
} from './offer-form-values';

type OfferDto = components['schemas']['OfferDto'];

const offer: OfferDto = {
  id: 'offer-1',
  businessId: 'business-1',
  businessName: 'Het Bonenhuis',
  businessDistrict: 'zuid-west-centrum',
  title: { nl: 'Kop koffie met vlaai', en: 'Coffee with Limburg pie' },
  description: { nl: 'Koffie en vlaai.', en: 'Coffee and pie.' },
  price: '2.00',
  euroValue: '4.50',
  validFrom: '2026-01-01',
  validUntil: null,
  stockRemaining: 12,
  perPassLimit: { quantity: 1, period: 'day' },
  status: 'active',
  redeemable: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('createOfferBody', () => {
  it('sends both languages, amounts with a decimal point, and empty stock and limit as none', () => {
    const values = {
      ...emptyOfferForm('2026-12-03'),
      titleNl: ' Soep ',
      titleEn: 'Soup',
      descriptionNl: 'Kom soep.',
      descriptionEn: 'Bowl of soup.',
      price: '1,50',
      euroValue: '3',
    };
    expect(createOfferBody(values)).toEqual({
      title: { nl: 'Soep', en: 'Soup' },
      description: { nl: 'Kom soep.', en: 'Bowl of soup.' },
      price: '1.50',
      euroValue: '3',
      validFrom: '2026-12-03',
      validUntil: null,
      stock: null,
      perPassLimit: null,
    });
  });

  it('sends a stock and a per-pass limit when given', () => {
    const values = {
      ...emptyOfferForm('2026-12-03'),
      stock: '40',
      perPassQuantity: '2',
      perPassPeriod: 'week' as const,
    };
    expect(createOfferBody(values)).toMatchObject({
      stock: 40,
      perPassLimit: { quantity: 2, period: 'week' },
    });
  });

  it('finds counts that are not whole numbers before anything is sent (NaN would read as unlimited)', () => {
    const values = { ...emptyOfferForm('2026-12-03'), stock: '1.5', perPassQuantity: 'two' };
    expect(countFieldsNotWhole(values)).toEqual(['stock', 'perPassQuantity']);
    expect(() => createOfferBody(values)).toThrow('not a whole number');
    expect(countFieldsNotWhole({ ...values, stock: ' 3 ', perPassQuantity: '' })).toEqual([]);
  });
});

describe('updateOfferBody', () => {
  it('sends nothing for an untouched form', () => {
    expect(updateOfferBody(offerFormFrom(offer), offer)).toEqual({});
  });

  it('sends only what changed, so a stock lowered by redemptions meanwhile is not set back', () => {
    const values = { ...offerFormFrom(offer), titleEn: 'Coffee and pie', price: '2,50' };
    expect(updateOfferBody(values, offer)).toEqual({
      title: { nl: 'Kop koffie met vlaai', en: 'Coffee and pie' },
      price: '2.50',
    });
  });

  it('clears the stock, the end date and the per-pass limit with null', () => {
    const values = {
      ...offerFormFrom({ ...offer, validUntil: '2027-01-31' }),
      stock: '',
      validUntil: '',
      perPassQuantity: '',
    };
    expect(updateOfferBody(values, { ...offer, validUntil: '2027-01-31' })).toEqual({
      stock: null,
      validUntil: null,
      perPassLimit: null,
    });
  });

  it('sends the per-pass limit when only its period changed', () => {
    const values = { ...offerFormFrom(offer), perPassPeriod: 'month' as const };
    expect(updateOfferBody(values, offer)).toEqual({
      perPassLimit: { quantity: 1, period: 'month' },
    });
  });
});
