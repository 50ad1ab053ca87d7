import '../volunteer/lists-and-figures.css';
import './business.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { businessKeys, problemText } from './business-data';
import { usePageFormat } from '../volunteer/page-format';
import {
  countFieldsNotWhole,
  createOfferBody,
  emptyOfferForm,
  type OfferFormValues,
  offerFormFrom,
  PER_PASS_PERIODS,
  type PerPassPeriod,
  updateOfferBody,
} from './offer-form-values';

type Offer = components['schemas']['OfferDto'];
type FieldName = keyof OfferFormValues;

/** The API names nested fields by their path (title.nl); the form has one field for each. */
const FIELD_OF_API_PATH: Record<string, FieldName> = {
  'title.nl': 'titleNl',
  'title.en': 'titleEn',
  title: 'titleNl',
  'description.nl': 'descriptionNl',
  'description.en': 'descriptionEn',
  description: 'descriptionNl',
  price: 'price',
  euroValue: 'euroValue',
  validFrom: 'validFrom',
  validUntil: 'validUntil',
  stock: 'stock',
  'perPassLimit.quantity': 'perPassQuantity',
  perPassLimit: 'perPassQuantity',
  'perPassLimit.period': 'perPassPeriod',
};

type Problems = Partial<Record<FieldName | 'form', string>>;

function problemsOf(error: unknown, fallback: string): Problems {
  const problems: Problems = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = FIELD_OF_API_PATH[path];
    if (field) problems[field] ??= message;
  }
  problems.form = Object.keys(problems).length > 0 ? fallback : problemText(error, fallback);
  return problems;
}

/** /business/offers/new and /business/offers/:offerId */
export function OfferFormPage() {
  const { offerId } = useParams();
  const t = useT();
  const offer = useQuery({
    queryKey: businessKeys.offer(offerId ?? ''),
    enabled: offerId !== undefined,
    queryFn: async () => {
      return unwrap(await api.GET('/api/v1/offers/{id}', { params: { path: { id: offerId! } } }));
    },
  });
  if (offerId === undefined) return <OfferForm offer={null} />;
  if (offer.isPending) return <p>{t('business.loading')}</p>;
  if (offer.isError) return <p role="alert">{t('business.loadFailed')}</p>;
  return <OfferForm key={offer.data.updatedAt} offer={offer.data} />;
}

function OfferForm({ offer }: { offer: Offer | null }) {
  const t = useT();
  const { language } = usePageFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = useMemo(
    () => (offer ? offerFormFrom(offer) : emptyOfferForm(todayInMaastricht())),
    [offer],
  );
  const [values, setValues] = useState<OfferFormValues>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const formId = useId();
  const set = (field: FieldName) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const save = useMutation({
    mutationFn: async (): Promise<Offer | null> => {
      if (offer === null) {
        return unwrap(await api.POST('/api/v1/offers', { body: createOfferBody(values) }));
      }
      const changes = updateOfferBody(values, offer);
      if (Object.keys(changes).length === 0) return null;
      return unwrap(
        await api.PATCH('/api/v1/offers/{id}', {
          params: { path: { id: offer.id } },
          body: changes,
        }),
      );
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['business'] });
      const notice =
        saved === null
          ? t('business.offerForm.nothingChanged')
          : t(offer ? 'business.offerForm.saved' : 'business.offerForm.created', {
              offer: saved.title[language],
            });
      navigate('/business/offers', { state: { notice } });
    },
    onError: (problem) => setProblems(problemsOf(problem, t('business.offerForm.problems'))),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const notWhole = countFieldsNotWhole(values);
    if (notWhole.length > 0) {
      setProblems(
        Object.fromEntries([
          ...notWhole.map((field) => [field, t('business.offerForm.wholeNumber')]),
          ['form', t('business.offerForm.problems')],
        ]),
      );
      return;
    }
    setProblems({});
    save.mutate();
  };

  const field = (
    name: FieldName,
    label: string,
    input: {
      type?: string;
      inputMode?: 'decimal' | 'numeric';
      multiline?: boolean;
      hint?: string;
      required?: boolean;
    },
  ) => {
    const id = `${formId}-${name}`;
    const describedBy =
      [input.hint ? `${id}-hint` : null, problems[name] ? `${id}-problem` : null]
        .filter(Boolean)
        .join(' ') || undefined;
    const common = {
      id,
      name,
      value: values[name],
      onChange: set(name),
      'aria-invalid': Boolean(problems[name]),
      'aria-describedby': describedBy,
      required: input.required,
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {input.multiline ? (
          <textarea rows={3} {...common} />
        ) : (
          <input type={input.type ?? 'text'} inputMode={input.inputMode} {...common} />
        )}
        {input.hint && (
          <p id={`${id}-hint`} className="hint">
            {input.hint}
          </p>
        )}
        {problems[name] && (
          <p id={`${id}-problem`} className="field__error">
            {problems[name]}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="business-page" aria-labelledby={`${formId}-title`}>
      <h1 id={`${formId}-title`}>
        {offer ? t('business.offerForm.editTitle') : t('business.offerForm.createTitle')}
      </h1>
      <form className="offer-form" onSubmit={onSubmit} noValidate>
        <fieldset className="card">
          <legend>{t('business.offerForm.dutch')}</legend>
          {field('titleNl', t('business.offerForm.titleNl'), { required: true })}
          {field('descriptionNl', t('business.offerForm.descriptionNl'), {
            multiline: true,
            required: true,
          })}
        </fieldset>
        <fieldset className="card" lang="en">
          <legend>{t('business.offerForm.english')}</legend>
          {field('titleEn', t('business.offerForm.titleEn'), { required: true })}
          {field('descriptionEn', t('business.offerForm.descriptionEn'), {
            multiline: true,
            required: true,
          })}
        </fieldset>
        <fieldset className="card">
          <legend>{t('business.offerForm.terms')}</legend>
          {field('price', t('business.offerForm.price'), { inputMode: 'decimal', required: true })}
          {field('euroValue', t('business.offerForm.euroValue'), {
            inputMode: 'decimal',
            required: true,
            hint: t('business.offerForm.euroValueHint'),
          })}
          {field('validFrom', t('business.offerForm.validFrom'), { type: 'date' })}
          {field('validUntil', t('business.offerForm.validUntil'), { type: 'date' })}
          {field('stock', t('business.offerForm.stock'), { inputMode: 'numeric' })}
          {field('perPassQuantity', t('business.offerForm.perPassQuantity'), {
            inputMode: 'numeric',
          })}
          <div className="field">
            <label htmlFor={`${formId}-perPassPeriod`}>
              {t('business.offerForm.perPassPeriod')}
            </label>
            <select
              id={`${formId}-perPassPeriod`}
              value={values.perPassPeriod}
              onChange={(event) =>
                setValues((current) => ({
                  ...current,
                  perPassPeriod: event.target.value as PerPassPeriod,
                }))
              }
            >
              {PER_PASS_PERIODS.map((period) => (
                <option key={period} value={period}>
                  {t(`business.period.${period}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        {problems.form && (
          <p role="alert" className="alert">
            {problems.form}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {offer ? t('business.offerForm.save') : t('business.offerForm.create')}
          </button>
          <Link to="/business/offers" className="button-secondary">
            {t('business.offerForm.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
