import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { api, ApiProblemError, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import {
  type BulkLine,
  bulkBody,
  keyFor,
  type PlacedRefusals,
  placeRefusals,
} from './bulk-activity';
import { claimCost, sumAmounts } from './claim-cost';
import {
  newIdempotencyKey,
  organisationKeys,
  useHourRate,
  usePastVolunteers,
} from './organisation-data';

const EMPTY_LINE: BulkLine = { volunteerId: '', hours: '' };
const NO_REFUSALS: PlacedRefusals = { participants: [], lines: new Map(), other: [] };
const QUARTER_HOURS = /^\d{1,2}([.,]\d{1,2})?$/;

/**
 * A bulk activity (a buurtfeest, a clean-up): one date and activity, the volunteers who helped
 * and their hours; recorded and paid at once, or refused with every problem at its line.
 */
export function BulkActivityPage() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const today = useMemo(() => todayInMaastricht(), []);
  const volunteers = usePastVolunteers();
  const rate = useHourRate();
  const [date, setDate] = useState(today);
  const [activity, setActivity] = useState('');
  const [lines, setLines] = useState<BulkLine[]>([{ ...EMPTY_LINE }]);
  const [refusals, setRefusals] = useState<PlacedRefusals>(NO_REFUSALS);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The same key while the request is unchanged: a retry after a lost answer never pays twice.
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const ids = { date: useId(), activity: useId(), line: useId() };

  const record = useMutation({
    mutationFn: async () => {
      const body = bulkBody({ date, activity: activity.trim(), lines });
      attempt.current = keyFor(attempt.current, body, newIdempotencyKey);
      return unwrap(
        await api.POST('/api/v1/time-claims/bulk', {
          params: { header: { 'Idempotency-Key': attempt.current.key } },
          body,
        }),
      );
    },
    onSuccess: (batch) => {
      attempt.current = null;
      setDone(
        t('org.activity.recorded', {
          activity: batch.activity,
          date: format.date(batch.date),
          count: format.integer(batch.claims.length),
          hours: format.hours(batch.totalHours),
          amount: format.steerkes(batch.totalAmount),
        }),
      );
      setActivity('');
      setLines([{ ...EMPTY_LINE }]);
      setRefusals(NO_REFUSALS);
      setRefusal(null);
      void queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiProblemError) {
        setRefusals(placeRefusals(error.problem));
        setRefusal(
          error.problem.code === 'TIME_CLAIMS_REFUSED'
            ? t('org.activity.refused', {
                count: format.integer(error.problem.errors?.length ?? 0),
              })
            : `${error.problem.detail} ${t('org.activity.fixAndRetry')}`,
        );
      } else {
        setRefusals(NO_REFUSALS);
        setRefusal(t('org.activity.noAnswer'));
      }
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    // What the page can tell before asking: every line needs a volunteer and hours.
    const local: PlacedRefusals = { participants: [], lines: new Map(), other: [] };
    if (activity.trim() === '') local.activity = t('org.activity.activityRequired');
    lines.forEach((line, index) => {
      const at: { volunteerId?: string; hours?: string } = {};
      if (line.volunteerId === '') at.volunteerId = t('org.activity.chooseVolunteer');
      if (line.hours.trim() === '') at.hours = t('org.activity.hoursRequired');
      if (at.volunteerId || at.hours) local.lines.set(index, at);
    });
    if (local.activity || local.lines.size > 0) {
      setRefusals(local);
      setRefusal(t('org.activity.fixFirst'));
      return;
    }
    record.mutate();
  };

  const setLine = (index: number, change: Partial<BulkLine>) =>
    setLines(lines.map((line, at) => (at === index ? { ...line, ...change } : line)));
  const removeLine = (index: number) => {
    setLines(lines.filter((_, at) => at !== index));
    // The refusals were for the lines as sent: once a line goes, they no longer match.
    setRefusals(NO_REFUSALS);
  };

  const readyLines = lines.filter((line) => QUARTER_HOURS.test(line.hours.trim()));
  const totalHours = sumAmounts(readyLines.map((line) => normalHours(line.hours)));
  const totalCost = rate.data
    ? sumAmounts(readyLines.map((line) => claimCost(normalHours(line.hours), rate.data.rate)))
    : null;
  const nameOf = (id: string) => volunteers.data?.find((volunteer) => volunteer.id === id)?.name;

  return (
    <section className="organisation-page" aria-labelledby="activity-title">
      <h1 id="activity-title">{t('org.activity.title')}</h1>
      <p>{t('org.activity.intro')}</p>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="activity-form-title">
        <h2 id="activity-form-title">{t('org.activity.formTitle')}</h2>
        <div className="field">
          <label htmlFor={ids.date}>{t('org.activity.date')}</label>
          <input
            id={ids.date}
            type="date"
            value={date}
            max={today}
            onChange={(event) => setDate(event.target.value)}
            aria-invalid={Boolean(refusals.date)}
            aria-describedby={refusals.date ? `${ids.date}-problem` : undefined}
          />
          {refusals.date && (
            <p id={`${ids.date}-problem`} className="field__error">
              {refusals.date}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.activity}>{t('org.activity.activity')}</label>
          <input
            id={ids.activity}
            type="text"
            value={activity}
            maxLength={200}
            onChange={(event) => setActivity(event.target.value)}
            aria-invalid={Boolean(refusals.activity)}
            aria-describedby={refusals.activity ? `${ids.activity}-problem` : undefined}
          />
          {refusals.activity && (
            <p id={`${ids.activity}-problem`} className="field__error">
              {refusals.activity}
            </p>
          )}
        </div>
        <fieldset>
          <legend>{t('org.activity.volunteers')}</legend>
          {volunteers.isPending && <p>{t('org.loading')}</p>}
          {volunteers.isError && <p role="alert">{t('org.loadFailed')}</p>}
          {volunteers.isSuccess && volunteers.data.length === 0 && (
            <p>{t('org.activity.noVolunteers')}</p>
          )}
          <p className="hint">{t('org.activity.volunteersHint')}</p>
          {refusals.participants.map((text) => (
            <p key={text} className="field__error">
              {text}
            </p>
          ))}
          <ol className="bulk-lines">
            {lines.map((line, index) => {
              const problem = refusals.lines.get(index);
              const base = `${ids.line}-${index}`;
              const number = format.integer(index + 1);
              return (
                <li
                  key={index}
                  className={problem ? 'bulk-line bulk-line--refused' : 'bulk-line'}
                  data-testid="bulk-line"
                >
                  <div className="field">
                    <label htmlFor={`${base}-volunteer`}>
                      {t('org.activity.volunteer', { number })}
                    </label>
                    <select
                      id={`${base}-volunteer`}
                      value={line.volunteerId}
                      onChange={(event) => setLine(index, { volunteerId: event.target.value })}
                      aria-invalid={Boolean(problem?.volunteerId)}
                      aria-describedby={
                        problem?.volunteerId ? `${base}-volunteer-problem` : undefined
                      }
                    >
                      <option value="">{t('org.activity.pick')}</option>
                      {(volunteers.data ?? []).map((volunteer) => (
                        <option key={volunteer.id} value={volunteer.id}>
                          {volunteer.name}
                        </option>
                      ))}
                    </select>
                    {problem?.volunteerId && (
                      <p id={`${base}-volunteer-problem`} className="field__error">
                        {problem.volunteerId}
                      </p>
                    )}
                  </div>
                  <div className="field field--hours">
                    <label htmlFor={`${base}-hours`}>{t('org.activity.hours', { number })}</label>
                    <input
                      id={`${base}-hours`}
                      type="text"
                      inputMode="decimal"
                      value={line.hours}
                      onChange={(event) => setLine(index, { hours: event.target.value })}
                      aria-invalid={Boolean(problem?.hours)}
                      aria-describedby={problem?.hours ? `${base}-hours-problem` : undefined}
                    />
                    {problem?.hours && (
                      <p id={`${base}-hours-problem`} className="field__error">
                        {problem.hours}
                      </p>
                    )}
                  </div>
                  {lines.length > 1 && (
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => removeLine(index)}
                      aria-label={t('org.activity.removeLabel', {
                        number,
                        name: nameOf(line.volunteerId) ?? '',
                      })}
                    >
                      {t('org.activity.remove')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setLines([...lines, { ...EMPTY_LINE }])}
          >
            {t('org.activity.addLine')}
          </button>
        </fieldset>
        <p className="hint" data-testid="activity-total">
          {t('org.activity.total', {
            hours: format.hours(totalHours),
            amount: totalCost === null ? '…' : format.steerkes(totalCost),
          })}
        </p>
        {refusals.other.map((text) => (
          <p key={text} className="field__error">
            {text}
          </p>
        ))}
        {refusal && (
          <p role="alert" className="alert">
            {refusal}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={record.isPending}>
          {t('org.activity.submit')}
        </button>
        <p role="status" className="form-done">
          {done}
        </p>
      </form>
    </section>
  );
}

function normalHours(text: string): string {
  return text.trim().replace(',', '.');
}
