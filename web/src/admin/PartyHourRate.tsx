import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import { Field } from '../components/Field';
import { formatters } from '../i18n/format';
import { useI18n, useT } from '../i18n/i18n';
import { adminKeys, normaliseAmount } from './admin-data';
import { Refusal, textOf } from './form-parts';

/**
 * An organisation's hour rate, set by the admin (PUT /organisations/{id}/hour-rate) inside the
 * range of the settings page; a rate outside it is refused at the field with the range in words.
 */
export function PartyHourRate(props: { organisationId: string; name: string }) {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const id = useId();
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const queryKey = adminKeys.hourRate(props.organisationId);
  const rate = useQuery({
    queryKey,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organisations/{id}/hour-rate', {
          params: { path: { id: props.organisationId } },
        }),
      ),
  });
  const save = useMutation({
    mutationFn: async (value: string) =>
      unwrap(
        await api.PUT('/api/v1/organisations/{id}/hour-rate', {
          params: { path: { id: props.organisationId } },
          body: { rate: value },
        }),
      ),
    onSuccess: (answer) => {
      queryClient.setQueryData(queryKey, answer);
      setSaved(t('admin.hourRate.saved', { name: props.name, rate: format.steerkes(answer.rate) }));
    },
    // The range may have changed since the page loaded: the refusal names the one now in force.
    onError: () => queryClient.invalidateQueries({ queryKey }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = textOf(new FormData(event.currentTarget), 'rate');
    const value = normaliseAmount(text);
    setSaved(null);
    if (value === null) {
      setInvalid(t('admin.hourRate.invalid'));
      return;
    }
    setInvalid(null);
    save.mutate(value);
  }

  const outOfRange =
    save.error instanceof ApiProblemError && save.error.problem.code === 'HOUR_RATE_OUT_OF_RANGE';
  const error =
    invalid ??
    (outOfRange && rate.data
      ? t('admin.hourRate.outOfRange', {
          min: format.steerkes(rate.data.min),
          max: format.steerkes(rate.data.max),
        })
      : fieldErrors(save.error).rate);
  return (
    <section className="admin-account" aria-labelledby={`${id}-title`} data-testid="hour-rate">
      <h3 id={`${id}-title`}>{t('admin.hourRate.title')}</h3>
      {rate.isPending && <p>{t('admin.loading')}</p>}
      {rate.isError && <p role="alert">{t('admin.loadFailed')}</p>}
      {rate.data && (
        <>
          <p data-testid="hour-rate-now">
            {rate.data.organisationRate === null
              ? t('admin.hourRate.nowDefault', { rate: format.steerkes(rate.data.rate) })
              : t('admin.hourRate.now', { rate: format.steerkes(rate.data.rate) })}
          </p>
          {saved && (
            <p role="status" className="notice">
              {saved}
            </p>
          )}
          {!outOfRange && <Refusal error={save.error} />}
          <form onSubmit={submit} noValidate>
            <Field
              id={`${id}-rate`}
              label={t('admin.hourRate.rate')}
              hint={t('admin.hourRate.hint', {
                min: format.steerkes(rate.data.min),
                max: format.steerkes(rate.data.max),
              })}
              error={error}
            >
              {(describedBy, isInvalid) => (
                <input
                  id={`${id}-rate`}
                  name="rate"
                  inputMode="decimal"
                  autoComplete="off"
                  defaultValue={rate.data.organisationRate ?? ''}
                  aria-invalid={isInvalid}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <button type="submit" className="button-primary" disabled={save.isPending}>
              {save.isPending ? t('admin.busy') : t('admin.hourRate.save')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
