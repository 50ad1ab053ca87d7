import type { components } from '../api/schema';

type OfferDto = components['schemas']['OfferDto'];
type CreateOfferDto = components['schemas']['CreateOfferDto'];
type UpdateOfferDto = components['schemas']['UpdateOfferDto'];
export type PerPassPeriod = components['schemas']['PerPassLimitDto']['period'];

export const PER_PASS_PERIODS: readonly PerPassPeriod[] = [
  'day',
  'week',
  'month',
  'year',
  'validity',
];

/** What the offer form holds: text as typed. An empty stock is unlimited, an empty limit none. */
export interface OfferFormValues {
  titleNl: string;
  titleEn: string;
  descriptionNl: string;
  descriptionEn: string;
  price: string;
  euroValue: string;
  validFrom: string;
  validUntil: string;
  stock: string;
  perPassQuantity: string;
  perPassPeriod: PerPassPeriod;
}

export function emptyOfferForm(today: string): OfferFormValues {
  return {
    titleNl: '',
    titleEn: '',
    descriptionNl: '',
    descriptionEn: '',
    price: '',
    euroValue: '',
    validFrom: today,
    validUntil: '',
    stock: '',
    perPassQuantity: '',
    perPassPeriod: 'day',
  };
}

export function offerFormFrom(offer: OfferDto): OfferFormValues {
  return {
    titleNl: offer.title.nl,
    titleEn: offer.title.en,
    descriptionNl: offer.description.nl,
    descriptionEn: offer.description.en,
    price: offer.price,
    euroValue: offer.euroValue,
    validFrom: offer.validFrom,
    validUntil: offer.validUntil ?? '',
    stock: offer.stockRemaining === null ? '' : String(offer.stockRemaining),
    perPassQuantity: offer.perPassLimit ? String(offer.perPassLimit.quantity) : '',
    perPassPeriod: offer.perPassLimit?.period ?? 'day',
  };
}

/** A decimal comma is how most people here type an amount; the API takes a decimal point. */
export function amountInput(typed: string): string {
  return typed.trim().replace(',', '.');
}

const WHOLE_NUMBER = /^\d+$/;

/** The count fields that hold something other than a whole number (empty is fine: none). */
export function countFieldsNotWhole(values: OfferFormValues): Array<'stock' | 'perPassQuantity'> {
  return (['stock', 'perPassQuantity'] as const).filter(
    (field) => values[field].trim() !== '' && !WHOLE_NUMBER.test(values[field].trim()),
  );
}

/** A count as typed; call only after countFieldsNotWhole found none (NaN would read as "unlimited"). */
function countInput(typed: string): number | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  if (!WHOLE_NUMBER.test(trimmed)) throw new Error(`not a whole number: ${trimmed}`);
  return Number(trimmed);
}

function perPassLimit(values: OfferFormValues): CreateOfferDto['perPassLimit'] {
  const quantity = countInput(values.perPassQuantity);
  return quantity === null ? null : { quantity, period: values.perPassPeriod };
}

export function createOfferBody(values: OfferFormValues): CreateOfferDto {
  return {
    title: { nl: values.titleNl.trim(), en: values.titleEn.trim() },
    description: { nl: values.descriptionNl.trim(), en: values.descriptionEn.trim() },
    price: amountInput(values.price),
    euroValue: amountInput(values.euroValue),
    validFrom: values.validFrom,
    validUntil: values.validUntil === '' ? null : values.validUntil,
    stock: countInput(values.stock),
    perPassLimit: perPassLimit(values),
  };
}

/**
 * Only what the operator changed. Above all the stock: redemptions lower it while the form is open,
 * so sending back the number the form was loaded with would hand out again what was already sold.
 */
export function updateOfferBody(values: OfferFormValues, offer: OfferDto): UpdateOfferDto {
  const before = offerFormFrom(offer);
  const wanted = createOfferBody(values);
  const changed = (...keys: Array<keyof OfferFormValues>) =>
    keys.some((key) => values[key].trim() !== before[key].trim());
  const body: UpdateOfferDto = {};
  if (changed('titleNl', 'titleEn')) body.title = wanted.title;
  if (changed('descriptionNl', 'descriptionEn')) body.description = wanted.description;
  if (changed('price')) body.price = wanted.price;
  if (changed('euroValue')) body.euroValue = wanted.euroValue;
  if (changed('validFrom')) body.validFrom = wanted.validFrom;
  if (changed('validUntil')) body.validUntil = wanted.validUntil;
  if (changed('stock')) body.stock = wanted.stock;
  if (
    changed('perPassQuantity') ||
    (values.perPassQuantity.trim() !== '' && changed('perPassPeriod'))
  )
    body.perPassLimit = wanted.perPassLimit;
  return body;
}
