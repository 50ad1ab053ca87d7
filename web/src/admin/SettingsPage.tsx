import '../volunteer/lists-and-figures.css';
import './admin.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { api, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatters } from '../i18n/format';
import type { MessageKey } from '../i18n/catalogue';
import { useI18n, useT } from '../i18n/i18n';
import { adminKeys, normaliseAmount } from './admin-data';
import { Field } from '../components/Field';
import { Refusal, textOf } from './form-parts';

type FiscalLimits = components['schemas']['FiscalLimitsViewDto'];

/** `/admin/settings`: the hour-rate range, the pass policy, the fiscal limits, the guardrail, the offer policy. */
export function SettingsPage() {
  const t = useT();
  return (
    <section className="admin-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('admin.settings.title')}</h1>
      <div className="admin-grid">
        <HourRatesCard />
        <PassPolicyCard />
      </div>
      <FiscalCard />
      <OfferPolicyCard />
    </section>
  );
}

/**
 * One settings form: its fields read as amounts (or whole numbers), checked here before they go.
 * Not keyed on the data it starts from: the refetch after a save would remount it, and its
 * "saved" line would vanish before anyone read it.
 */
function SettingsForm(props: {
  testId: string;
  title: string;
  intro?: string;
  current?: ReactNode;
  fields: Array<{
    name: string;
    label: MessageKey;
    value: string | undefined;
    whole?: boolean;
    optional?: boolean;
  }>;
  save: (values: Record<string, string>) => Promise<unknown>;
  savedMessage?: (values: Record<string, string>) => string;
  invalidate: readonly unknown[];
}) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: props.save,
    onSuccess: async (_, values) => {
      setSaved(props.savedMessage ? props.savedMessage(values) : t('admin.saved'));
      await queryClient.invalidateQueries({ queryKey: props.invalidate });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string> = {};
    const problems: Record<string, string> = {};
    for (const field of props.fields) {
      const text = textOf(form, field.name);
      if (text === '' && field.optional) continue;
      const value = field.whole ? (/^\d{1,4}$/.test(text) ? text : null) : normaliseAmount(text);
      if (value === null)
        problems[field.name] = t(
          field.whole ? 'admin.number.invalid' : 'admin.credit.minBalanceInvalid',
        );
      else values[field.name] = value;
    }
    setInvalid(problems);
    setSaved(null);
    if (Object.keys(problems).length === 0) mutation.mutate(values);
  }

  const apiFields = fieldErrors(mutation.error);
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.intro && <p className="hint">{props.intro}</p>}
      {props.current}
      {saved && (
        <p role="status" className="notice">
          {saved}
        </p>
      )}
      <Refusal error={mutation.error} />
      <form onSubmit={submit} noValidate>
        {props.fields.map((field) => {
          const error = invalid[field.name] ?? apiFields[field.name];
          return (
            <Field key={field.name} id={`${id}-${field.name}`} label={t(field.label)} error={error}>
              {(describedBy, isInvalid) => (
                <input
                  id={`${id}-${field.name}`}
                  name={field.name}
                  inputMode={field.whole ? 'numeric' : 'decimal'}
                  autoComplete="off"
                  defaultValue={field.value}
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
          );
        })}
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('admin.busy') : t('admin.save')}
        </button>
      </form>
    </section>
  );
}

function HourRatesCard() {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const range = useQuery({
    queryKey: adminKeys.hourRates,
    queryFn: async () => unwrap(await api.GET('/api/v1/volunteering/hour-rate-range')),
  });
  if (range.isError) return <p role="alert">{t('admin.loadFailed')}</p>;
  if (!range.data) return <p>{t('admin.loading')}</p>;
  return (
    <SettingsForm
      testId="settings-rates"
      title={t('admin.rates.title')}
      intro={t('admin.rates.intro')}
      current={
        <p className="admin-current">
          {t('admin.rates.now', {
            min: format.steerkes(range.data.min),
            max: format.steerkes(range.data.max),
            default: format.steerkes(range.data.defaultRate),
          })}
        </p>
      }
      fields={[
        { name: 'min', label: 'admin.rates.min', value: range.data.min },
        { name: 'max', label: 'admin.rates.max', value: range.data.max },
        { name: 'defaultRate', label: 'admin.rates.default', value: range.data.defaultRate },
      ]}
      save={async (values) =>
        unwrap(
          await api.PUT('/api/v1/volunteering/hour-rate-range', {
            body: { min: values.min, max: values.max, defaultRate: values.defaultRate },
          }),
        )
      }
      invalidate={adminKeys.hourRates}
    />
  );
}

/** The pass policy: the admin's and the treasurer's to set (PUT /pass-policy). */
export function PassPolicyCard() {
  const t = useT();
  const policy = useQuery({
    queryKey: adminKeys.passPolicy,
    queryFn: async () => unwrap(await api.GET('/api/v1/pass-policy')),
  });
  if (policy.isError) return <p role="alert">{t('admin.loadFailed')}</p>;
  if (!policy.data) return <p>{t('admin.loading')}</p>;
  return (
    <SettingsForm
      testId="settings-pass"
      title={t('admin.pass.title')}
      intro={t('admin.pass.intro')}
      fields={[
        { name: 'dailyLimit', label: 'admin.pass.dailyLimit', value: policy.data.dailyLimit },
        {
          name: 'voidWindowMinutes',
          label: 'admin.pass.voidWindow',
          value: String(policy.data.voidWindowMinutes),
          whole: true,
        },
      ]}
      save={async (values) =>
        unwrap(
          await api.PUT('/api/v1/pass-policy', {
            body: {
              dailyLimit: values.dailyLimit,
              voidWindowMinutes: Number(values.voidWindowMinutes),
            },
          }),
        )
      }
      invalidate={adminKeys.passPolicy}
    />
  );
}

function FiscalCard() {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const queryClient = useQueryClient();
  const fiscal = useQuery({
    queryKey: adminKeys.fiscal,
    queryFn: async () => unwrap(await api.GET('/api/v1/fiscal/limits')),
  });
  const guardrail = useMutation({
    mutationFn: async (enabled: boolean) =>
      unwrap(await api.PUT('/api/v1/fiscal/guardrail', { body: { enabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.fiscal }),
  });
  if (fiscal.isError) return <p role="alert">{t('admin.loadFailed')}</p>;
  if (!fiscal.data) return <p>{t('admin.loading')}</p>;
  const years = [...fiscal.data.limits].sort((a, b) => b.year - a.year);
  const latest: FiscalLimits | undefined = years[0];
  const euro = (amount: string) => format.euro(amount);
  const enabled = fiscal.data.guardrailEnabled;
  return (
    <>
      <section className="card" aria-labelledby="fiscal-title" data-testid="settings-fiscal">
        <h2 id="fiscal-title">{t('admin.fiscal.title')}</h2>
        <p className="hint">{t('admin.fiscal.intro')}</p>
        {years.length === 0 ? (
          <p>{t('admin.fiscal.empty')}</p>
        ) : (
          <div
            className="table-scroll"
            role="region"
            tabIndex={0}
            aria-label={t('admin.fiscal.caption')}
          >
            <table className="figures-table admin-table">
              <caption>{t('admin.fiscal.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.fiscal.year')}</th>
                  <th scope="col">{t('admin.fiscal.hourlyAdult')}</th>
                  <th scope="col">{t('admin.fiscal.hourlyYoung')}</th>
                  <th scope="col">{t('admin.fiscal.adultAge')}</th>
                  <th scope="col">{t('admin.fiscal.monthly')}</th>
                  <th scope="col">{t('admin.fiscal.yearly')}</th>
                </tr>
              </thead>
              <tbody>
                {years.map((row) => (
                  <tr key={row.year}>
                    <th scope="row">{row.year}</th>
                    <td>{euro(row.hourlyAdult)}</td>
                    <td>{euro(row.hourlyYoung)}</td>
                    <td>{row.adultAge}</td>
                    <td>{euro(row.monthly)}</td>
                    <td>{euro(row.yearly)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="admin-grid">
        <SettingsForm
          testId="settings-fiscal-form"
          title={t('admin.fiscal.formTitle')}
          fields={[
            {
              name: 'year',
              label: 'admin.fiscal.year',
              value: latest ? String(latest.year + 1) : String(new Date().getFullYear()),
              whole: true,
            },
            { name: 'hourlyAdult', label: 'admin.fiscal.hourlyAdult', value: latest?.hourlyAdult },
            { name: 'hourlyYoung', label: 'admin.fiscal.hourlyYoung', value: latest?.hourlyYoung },
            {
              name: 'adultAge',
              label: 'admin.fiscal.adultAge',
              value: latest ? String(latest.adultAge) : undefined,
              whole: true,
            },
            { name: 'monthly', label: 'admin.fiscal.monthly', value: latest?.monthly },
            { name: 'yearly', label: 'admin.fiscal.yearly', value: latest?.yearly },
          ]}
          save={async (values) =>
            unwrap(
              await api.PUT('/api/v1/fiscal/limits/{year}', {
                params: { path: { year: Number(values.year) } },
                body: {
                  hourlyAdult: values.hourlyAdult,
                  hourlyYoung: values.hourlyYoung,
                  adultAge: Number(values.adultAge),
                  monthly: values.monthly,
                  yearly: values.yearly,
                },
              }),
            )
          }
          savedMessage={(values) => t('admin.fiscal.savedYear', { year: values.year })}
          invalidate={adminKeys.fiscal}
        />
        <section
          className="card"
          aria-labelledby="guardrail-title"
          data-testid="settings-guardrail"
        >
          <h2 id="guardrail-title">{t('admin.guardrail.title')}</h2>
          <p className={enabled ? 'admin-switch admin-switch--on' : 'admin-switch'}>
            {t(enabled ? 'admin.guardrail.on' : 'admin.guardrail.off')}
          </p>
          <Refusal error={guardrail.error} />
          <button
            type="button"
            className={enabled ? 'button-secondary' : 'button-primary'}
            disabled={guardrail.isPending}
            onClick={() => guardrail.mutate(!enabled)}
          >
            {t(enabled ? 'admin.guardrail.turnOff' : 'admin.guardrail.turnOn')}
          </button>
        </section>
      </div>
    </>
  );
}

/**
 * The offer policy (PUT /offer-policy) is the treasurer's to set: the treasurer's policies page
 * shows it as a form (`editable`), the admin's settings show what is in force.
 */
export function OfferPolicyCard(props: { editable?: boolean }) {
  const t = useT();
  const { language } = useI18n();
  const policy = useQuery({
    queryKey: adminKeys.offerPolicy,
    queryFn: async () => unwrap(await api.GET('/api/v1/offer-policy')),
  });
  if (policy.isError) return <p role="alert">{t('admin.loadFailed')}</p>;
  if (!policy.data) return <p>{t('admin.loading')}</p>;
  const current = (
    <p className={props.editable ? 'admin-current' : undefined}>
      {t('admin.offer.text', {
        ratio: formatters(language).euro(policy.data.euroValueRatioMax),
      })}
    </p>
  );
  if (!props.editable)
    return (
      <section className="card" aria-labelledby="offer-title" data-testid="settings-offer">
        <h2 id="offer-title">{t('admin.offer.title')}</h2>
        {current}
      </section>
    );
  return (
    <SettingsForm
      testId="settings-offer"
      title={t('admin.offer.title')}
      intro={t('admin.offer.intro')}
      current={current}
      fields={[
        {
          name: 'euroValueRatioMax',
          label: 'admin.offer.ratio',
          value: policy.data.euroValueRatioMax,
        },
      ]}
      save={async (values) =>
        unwrap(
          await api.PUT('/api/v1/offer-policy', {
            body: { euroValueRatioMax: values.euroValueRatioMax },
          }),
        )
      }
      invalidate={adminKeys.offerPolicy}
    />
  );
}
