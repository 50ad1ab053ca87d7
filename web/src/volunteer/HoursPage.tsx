import './lists-and-figures.css';
import './volunteer.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from './calendar';
import { OrganisationPicker } from './OrganisationPicker';
import { daysBefore } from './statement-story';
import { problemText, volunteerKeys } from './volunteer-data';
import { usePageFormat } from './page-format';

type TimeClaim = components['schemas']['TimeClaimDto'];
type PublicOrganisation = components['schemas']['PublicOrganisationDto'];

/** Decided claims of this many days back are shown under the waiting ones. */
const RECENT_DAYS = 62;
const CLAIMS_PAGE_SIZE = 100;

export function HoursPage() {
  const t = useT();
  return (
    <section className="volunteer-page" aria-labelledby="hours-title">
      <h1 id="hours-title">{t('volunteer.hours.title')}</h1>
      <ClaimForm />
      <ClaimLists />
    </section>
  );
}

interface FieldProblems {
  organisationId?: string;
  date?: string;
  hours?: string;
  activity?: string;
  form?: string;
}

function ClaimForm() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const today = useMemo(() => todayInMaastricht(), []);
  const [organisation, setOrganisation] = useState<PublicOrganisation | null>(null);
  const [date, setDate] = useState(today);
  const [hours, setHours] = useState('');
  const [activity, setActivity] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const [done, setDone] = useState<string | null>(null);
  // One key per claim: a retry after a lost answer does not claim the same hours twice.
  const attemptKey = useRef<string | null>(null);
  const ids = { date: useId(), hours: useId(), hoursHint: useId(), activity: useId() };
  // A changed claim is a new attempt (the same key with another body would be refused as a conflict).
  useEffect(() => {
    attemptKey.current = null;
  }, [organisation, date, hours, activity]);

  const submit = useMutation({
    mutationFn: async () => {
      attemptKey.current ??= crypto.randomUUID();
      return unwrap(
        await api.POST('/api/v1/time-claims', {
          params: { header: { 'Idempotency-Key': attemptKey.current } },
          body: {
            organisationId: organisation!.id,
            date,
            hours: hours.trim().replace(',', '.'),
            activity,
          },
        }),
      );
    },
    onSuccess: (claim) => {
      attemptKey.current = null;
      setDone(
        t('volunteer.hours.submitted', {
          hours: format.hours(claim.hours),
          organisation: claim.organisationName,
        }),
      );
      setHours('');
      setActivity('');
      setProblems({});
      void queryClient.invalidateQueries({ queryKey: volunteerKeys.claims });
    },
    onError: (problem) => {
      // A refusal ends the attempt (the corrected claim is a new one); a lost answer keeps its key for the retry.
      if (problem instanceof ApiProblemError) attemptKey.current = null;
      const byField = fieldErrors(problem);
      setProblems(
        Object.keys(byField).length > 0
          ? byField
          : {
              form:
                problem instanceof ApiProblemError ? problem.problem.detail : t('error.network'),
            },
      );
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!organisation) {
      setProblems({ organisationId: t('volunteer.hours.chooseOrganisation') });
      return;
    }
    submit.mutate();
  };

  const describedBy = (hint: string | null, field: keyof FieldProblems) =>
    [hint, problems[field] ? `${field}-problem` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="claim-title">
      <h2 id="claim-title">{t('volunteer.hours.claimTitle')}</h2>
      <OrganisationPicker
        value={organisation}
        onChange={setOrganisation}
        error={problems.organisationId}
      />
      <div className="field">
        <label htmlFor={ids.date}>{t('volunteer.hours.date')}</label>
        <input
          id={ids.date}
          type="date"
          value={date}
          max={today}
          onChange={(event) => setDate(event.target.value)}
          required
          aria-invalid={Boolean(problems.date)}
          aria-describedby={describedBy(null, 'date')}
        />
        {problems.date && (
          <p id="date-problem" className="field__error">
            {problems.date}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.hours}>{t('volunteer.hours.hours')}</label>
        <input
          id={ids.hours}
          type="text"
          inputMode="decimal"
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          required
          aria-invalid={Boolean(problems.hours)}
          aria-describedby={describedBy(ids.hoursHint, 'hours')}
        />
        <p id={ids.hoursHint} className="field__hint">
          {t('volunteer.hours.hoursHint')}
        </p>
        {problems.hours && (
          <p id="hours-problem" className="field__error">
            {problems.hours}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.activity}>{t('volunteer.hours.activity')}</label>
        <input
          id={ids.activity}
          type="text"
          value={activity}
          onChange={(event) => setActivity(event.target.value)}
          required
          aria-invalid={Boolean(problems.activity)}
          aria-describedby={describedBy(null, 'activity')}
        />
        {problems.activity && (
          <p id="activity-problem" className="field__error">
            {problems.activity}
          </p>
        )}
      </div>
      {problems.form && (
        <p role="alert" className="alert">
          {problems.form}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={submit.isPending}>
        {t('volunteer.hours.submit')}
      </button>
      <p role="status" className="form-done">
        {done}
      </p>
    </form>
  );
}

function ClaimLists() {
  const t = useT();
  const since = useMemo(() => daysBefore(todayInMaastricht(), RECENT_DAYS), []);
  const claims = useQuery({
    queryKey: [...volunteerKeys.claims, since],
    queryFn: async () => {
      const load = async (query: { status?: TimeClaim['status']; from?: string }) => {
        return unwrap(
          await api.GET('/api/v1/time-claims', {
            params: { query: { ...query, limit: CLAIMS_PAGE_SIZE } },
          }),
        ).items;
      };
      const [waiting, recent] = await Promise.all([
        load({ status: 'requested' }),
        load({ from: since }),
      ]);
      // Lists come oldest first; people read the newest day first.
      const newestFirst = (claims: TimeClaim[]) =>
        [...claims].sort(
          (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
        );
      return {
        waiting: newestFirst(waiting),
        decided: newestFirst(recent.filter((claim) => claim.status !== 'requested')),
      };
    },
  });
  const [notice, setNotice] = useState<string | null>(null);
  if (claims.isPending) return <p>{t('volunteer.loading')}</p>;
  if (claims.isError) return <p role="alert">{t('volunteer.loadFailed')}</p>;
  return (
    <>
      <section aria-labelledby="waiting-title" className="card">
        <h2 id="waiting-title">{t('volunteer.hours.waitingTitle')}</h2>
        <p role="status">{notice}</p>
        {claims.data.waiting.length === 0 ? (
          <p>{t('volunteer.hours.noneWaiting')}</p>
        ) : (
          <ul className="claims">
            {claims.data.waiting.map((claim) => (
              <ClaimItem
                key={claim.id}
                claim={claim}
                onWithdrawn={() => setNotice(t('volunteer.hours.withdrawn'))}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="decided-title" className="card">
        <h2 id="decided-title">{t('volunteer.hours.recentTitle')}</h2>
        {claims.data.decided.length === 0 ? (
          <p>{t('volunteer.hours.noneRecent')}</p>
        ) : (
          <ul className="claims">
            {claims.data.decided.map((claim) => (
              <ClaimItem key={claim.id} claim={claim} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ClaimItem({ claim, onWithdrawn }: { claim: TimeClaim; onWithdrawn?: () => void }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: async () => {
      return unwrap(
        await api.POST('/api/v1/time-claims/{id}/withdraw', {
          params: { path: { id: claim.id } },
          body: {},
        }),
      );
    },
    onSuccess: () => {
      onWithdrawn?.();
      void queryClient.invalidateQueries({ queryKey: volunteerKeys.claims });
    },
  });
  const words = {
    hours: format.hours(claim.hours),
    organisation: claim.organisationName,
    date: format.date(claim.date),
  };
  const status =
    claim.status === 'approved'
      ? t('volunteer.hours.status.approved', { amount: format.steerkes(claim.amount ?? '0.00') })
      : t(`volunteer.hours.status.${claim.status}`);
  return (
    <li className="claim" data-testid="claim">
      <p className="claim__what">{t('volunteer.hours.claimLine', words)}</p>
      <p className="claim__activity">{claim.activity}</p>
      <p className={`claim__status claim__status--${claim.status}`}>{status}</p>
      {claim.reason && (
        <p className="claim__reason">{t('volunteer.hours.reason', { reason: claim.reason })}</p>
      )}
      {claim.status === 'requested' && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => withdraw.mutate()}
          disabled={withdraw.isPending}
          aria-label={t('volunteer.hours.withdrawLabel', words)}
        >
          {t('volunteer.hours.withdraw')}
        </button>
      )}
      {withdraw.isError && (
        <p role="alert">{problemText(withdraw.error, t('volunteer.loadFailed'))}</p>
      )}
    </li>
  );
}
