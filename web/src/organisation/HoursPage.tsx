import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import { Field } from '../components/Field';
import { useFocusOnShow } from '../components/useFocusOnShow';
import type { MessageKey } from '../i18n/catalogue';
import { PeriodFields } from './PeriodFields';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { shortDate } from './short-date';
import { daysBefore } from '../volunteer/statement-story';
import { claimCost, sumAmounts } from './claim-cost';
import {
  newIdempotencyKey,
  organisationKeys,
  PAGE_SIZE,
  problemText,
  type TimeClaim,
  useHourRate,
  useOrganisationId,
} from './organisation-data';

/** The decided claims of this many days back are shown at first. */
const DECIDED_DAYS = 31;

/** The hours: the claims waiting for the organisation, and the decided ones. */
export function HoursPage() {
  const t = useT();
  return (
    <section className="organisation-page" aria-labelledby="org-hours-title">
      <h1 id="org-hours-title">{t('org.hours.title')}</h1>
      <p>
        {t('org.hours.intro')} <Link to="/organisation/activity">{t('org.hours.toActivity')}</Link>
      </p>
      <ClaimQueue />
      <DecidedClaims />
    </section>
  );
}

interface Outcome {
  ok: boolean;
  text: string;
}

function useDecisions() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  // One Idempotency-Key per claim, made at its first approval and sent again on every retry.
  const keys = useRef(new Map<string, string>());
  const approve = async (claim: TimeClaim): Promise<Outcome> => {
    let key = keys.current.get(claim.id);
    if (!key) {
      key = newIdempotencyKey();
      keys.current.set(claim.id, key);
    }
    try {
      const approved = unwrap(
        await api.POST('/api/v1/time-claims/{id}/approve', {
          params: { path: { id: claim.id }, header: { 'Idempotency-Key': key } },
        }),
      );
      return {
        ok: true,
        text: t('org.hours.approved', {
          name: approved.volunteerName,
          hours: format.hours(approved.hours),
          amount: format.steerkes(approved.amount ?? '0.00'),
        }),
      };
    } catch (error) {
      return { ok: false, text: refusalText(error) };
    }
  };
  const reject = async (claim: TimeClaim, reason: string): Promise<Outcome> => {
    try {
      const rejected = unwrap(
        await api.POST('/api/v1/time-claims/{id}/reject', {
          params: { path: { id: claim.id } },
          body: { reason },
        }),
      );
      return {
        ok: true,
        text: t('org.hours.rejected', {
          name: rejected.volunteerName,
          hours: format.hours(rejected.hours),
        }),
      };
    } catch (error) {
      return { ok: false, text: refusalText(error) };
    }
  };
  const refusalText = (error: unknown) => {
    if (!(error instanceof ApiProblemError)) return t('org.error.network');
    if (error.problem.code === 'INSUFFICIENT_FUNDS')
      return `${error.problem.detail} ${t('org.hours.insufficientFunds')}`;
    if (error.problem.code === 'TIME_CLAIM_NOT_PENDING')
      return `${error.problem.detail} ${t('org.hours.notPending')}`;
    return problemText(error, t('org.error.network'));
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: organisationKeys.all });
  return { approve, reject, refresh };
}

function ClaimQueue() {
  const t = useT();
  const format = usePageFormat();
  const organisationId = useOrganisationId();
  const rate = useHourRate();
  const decisions = useDecisions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Map<string, Outcome>>(new Map());
  const [summary, setSummary] = useState<Outcome[]>([]);
  const [bulkReason, setBulkReason] = useState('');
  const [bulkReasonProblem, setBulkReasonProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const bulkReasonId = useId();
  const queue = useInfiniteQuery({
    queryKey: organisationKeys.queue,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/time-claims', {
          params: {
            query: { status: 'requested', organisationId, limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const claims = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const chosen = claims.filter((claim) => selected.has(claim.id));
  const cost = (claim: TimeClaim) => (rate.data ? claimCost(claim.hours, rate.data.rate) : null);

  const decide = async (
    targets: TimeClaim[],
    action: (claim: TimeClaim) => Promise<Outcome>,
  ): Promise<void> => {
    setWorking(true);
    setSummary([]);
    const results = new Map(outcomes);
    const done: Outcome[] = [];
    // One at a time: each approval is its own payment, refused or made on its own.
    for (const claim of targets) {
      const outcome = await action(claim);
      results.set(claim.id, outcome);
      done.push(outcome);
    }
    setOutcomes(results);
    // A refusal of one claim stands at that claim; several decided at once are also summed up here.
    setSummary(targets.length > 1 ? done : done.filter((outcome) => outcome.ok));
    setSelected(new Set([...selected].filter((id) => !results.get(id)?.ok)));
    setWorking(false);
    await decisions.refresh();
  };

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allChosen = claims.length > 0 && chosen.length === claims.length;

  const rejectChosen = (event: FormEvent) => {
    event.preventDefault();
    if (bulkReason.trim() === '') {
      setBulkReasonProblem(t('org.hours.reasonRequired'));
      return;
    }
    setBulkReasonProblem(null);
    void decide(chosen, (claim) => decisions.reject(claim, bulkReason.trim())).then(() =>
      setBulkReason(''),
    );
  };

  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('org.hours.queueTitle')}</h2>
      {rate.data && (
        <p className="hint">
          {t('org.hours.rateNow', { rate: format.steerkes(rate.data.rate) })}{' '}
          <Link to="/organisation/money#hour-rate">{t('org.hours.changeRate')}</Link>
        </p>
      )}
      <div role="status" className="outcomes">
        {summary.length > 0 && (
          <ul>
            {summary.map((outcome, index) => (
              <li key={index} className={outcome.ok ? 'outcome--ok' : 'outcome--refused'}>
                {outcome.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {queue.isPending && <p>{t('org.loading')}</p>}
      {queue.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {queue.isSuccess && claims.length === 0 && <p>{t('org.hours.queueEmpty')}</p>}
      {claims.length > 0 && (
        <>
          <div className="selection">
            <label className="check">
              <input
                type="checkbox"
                checked={allChosen}
                onChange={() =>
                  setSelected(allChosen ? new Set() : new Set(claims.map((claim) => claim.id)))
                }
              />
              {t('org.hours.selectAll', { count: format.integer(claims.length) })}
            </label>
            {chosen.length > 0 && (
              <p className="hint" data-testid="selection-total">
                {t('org.hours.selectionTotal', {
                  count: format.integer(chosen.length),
                  hours: format.hours(sumAmounts(chosen.map((claim) => claim.hours))),
                  amount: rate.data
                    ? format.steerkes(sumAmounts(chosen.map((claim) => cost(claim) ?? '0.00')))
                    : '…',
                })}
              </p>
            )}
          </div>
          <ul className="claim-queue">
            {claims.map((claim) => (
              <QueuedClaim
                key={claim.id}
                claim={claim}
                cost={cost(claim)}
                selected={selected.has(claim.id)}
                onToggle={() => toggle(claim.id)}
                outcome={outcomes.get(claim.id)}
                working={working}
                onApprove={() => decide([claim], decisions.approve)}
                onReject={(reason) => decide([claim], (target) => decisions.reject(target, reason))}
              />
            ))}
          </ul>
          {queue.hasNextPage && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => queue.fetchNextPage()}
              disabled={queue.isFetchingNextPage}
            >
              {t('org.hours.more')}
            </button>
          )}
          {chosen.length > 0 && (
            <div className="bulk-decision">
              <h3>{t('org.hours.chosenTitle', { count: format.integer(chosen.length) })}</h3>
              <button
                type="button"
                className="button-primary"
                disabled={working}
                onClick={() => void decide(chosen, decisions.approve)}
              >
                {t('org.hours.approveChosen', { count: format.integer(chosen.length) })}
              </button>
              <form onSubmit={rejectChosen} noValidate className="reject-form">
                <div className="field">
                  <label htmlFor={bulkReasonId}>{t('org.hours.reasonChosen')}</label>
                  <input
                    id={bulkReasonId}
                    type="text"
                    value={bulkReason}
                    maxLength={500}
                    onChange={(event) => setBulkReason(event.target.value)}
                    aria-invalid={Boolean(bulkReasonProblem)}
                    aria-describedby={bulkReasonProblem ? `${bulkReasonId}-problem` : undefined}
                  />
                  {bulkReasonProblem && (
                    <p id={`${bulkReasonId}-problem`} className="field__error">
                      {bulkReasonProblem}
                    </p>
                  )}
                </div>
                <button type="submit" className="button-secondary" disabled={working}>
                  {t('org.hours.rejectChosen', { count: format.integer(chosen.length) })}
                </button>
              </form>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function QueuedClaim(props: {
  claim: TimeClaim;
  cost: string | null;
  selected: boolean;
  onToggle: () => void;
  outcome: Outcome | undefined;
  working: boolean;
  onApprove: () => void;
  onReject: (reason: string) => void;
}) {
  const { claim, cost, outcome, working } = props;
  const t = useT();
  const format = usePageFormat();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const reasonId = useId();
  const what = t('org.hours.claimLabel', {
    name: claim.volunteerName,
    date: format.date(claim.date),
  });
  const submitReject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonProblem(t('org.hours.reasonRequired'));
      return;
    }
    setReasonProblem(null);
    props.onReject(reason.trim());
  };
  return (
    <li className="card claim-card" data-testid="queued-claim">
      <label className="check">
        <input
          type="checkbox"
          checked={props.selected}
          onChange={props.onToggle}
          aria-label={t('org.hours.choose', { claim: what })}
        />
        <span className="claim-card__name">{claim.volunteerName}</span>
      </label>
      <p>
        {t('org.hours.claimLine', {
          date: format.date(claim.date),
          hours: format.hours(claim.hours),
          activity: claim.activity,
        })}
      </p>
      <p className="claim-card__cost">
        {cost === null
          ? t('org.loading')
          : t('org.hours.costAtRate', { amount: format.steerkes(cost) })}
      </p>
      <p className="hint">
        {t('org.hours.submittedOn', { date: format.dateTime(claim.createdAt) })}
      </p>
      {outcome && !outcome.ok && (
        <p role="alert" className="field__error">
          {outcome.text}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          disabled={working}
          onClick={props.onApprove}
          aria-label={t('org.hours.approveLabel', { claim: what })}
        >
          {t('org.hours.approve')}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-expanded={rejecting}
          onClick={() => setRejecting(!rejecting)}
          aria-label={t('org.hours.rejectLabel', { claim: what })}
        >
          {t('org.hours.reject')}
        </button>
      </div>
      {rejecting && (
        <form onSubmit={submitReject} noValidate className="reject-form">
          <div className="field">
            <label htmlFor={reasonId}>{t('org.hours.reason')}</label>
            <input
              id={reasonId}
              type="text"
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={Boolean(reasonProblem)}
              aria-describedby={reasonProblem ? `${reasonId}-problem` : undefined}
            />
            {reasonProblem && (
              <p id={`${reasonId}-problem`} className="field__error">
                {reasonProblem}
              </p>
            )}
          </div>
          <button type="submit" className="button-secondary" disabled={working}>
            {t('org.hours.rejectConfirm')}
          </button>
        </form>
      )}
    </li>
  );
}

type DecidedStatus = 'decided' | 'approved' | 'rejected' | 'withdrawn' | 'revoked';

function DecidedClaims() {
  const t = useT();
  const format = usePageFormat();
  const organisationId = useOrganisationId();
  const today = useMemo(() => todayInMaastricht(), []);
  const [status, setStatus] = useState<DecidedStatus>('decided');
  const [from, setFrom] = useState(() => daysBefore(today, DECIDED_DAYS));
  const [to, setTo] = useState(today);
  const [revoking, setRevoking] = useState<TimeClaim | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const ids = { status: useId() };
  const filters = { status, from, to };
  const decided = useInfiniteQuery({
    queryKey: organisationKeys.decided(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/time-claims', {
          params: {
            query: {
              organisationId,
              ...(status === 'decided' ? {} : { status }),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  // Oldest first, as the API lists them; the waiting ones are in the queue above.
  const claims = (decided.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (claim) => claim.status !== 'requested',
  );
  return (
    <section className="card" aria-labelledby="decided-title">
      <h2 id="decided-title">{t('org.hours.decidedTitle')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.status}>{t('org.hours.filterStatus')}</label>
          <select
            id={ids.status}
            value={status}
            onChange={(event) => setStatus(event.target.value as DecidedStatus)}
          >
            {(['decided', 'approved', 'rejected', 'withdrawn', 'revoked'] as const).map(
              (option) => (
                <option key={option} value={option}>
                  {t(`org.hours.filter.${option}`)}
                </option>
              ),
            )}
          </select>
        </div>
        <PeriodFields from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
      </div>
      <p role="status" className="form-done">
        {revoked}
      </p>
      {revoking && (
        <RevokePanel
          key={revoking.id}
          claim={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={(text) => {
            setRevoking(null);
            setRevoked(text);
          }}
        />
      )}
      {decided.isPending && <p>{t('org.loading')}</p>}
      {decided.isError && <p role="alert">{problemText(decided.error, t('org.loadFailed'))}</p>}
      {decided.isSuccess && claims.length === 0 && <p>{t('org.hours.decidedEmpty')}</p>}
      {claims.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="decided-title">
          <table className="figures-table decided-table stack-table">
            <caption className="visually-hidden">{t('org.hours.decidedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.hours.column.date')}</th>
                <th scope="col">{t('org.hours.column.volunteer')}</th>
                <th scope="col">{t('org.hours.column.activity')}</th>
                <th scope="col">{t('org.hours.column.hours')}</th>
                <th scope="col">{t('org.hours.column.status')}</th>
                <th scope="col">{t('org.hours.column.amountOrReason')}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.id} data-testid="decided-claim">
                  <td data-label={t('org.hours.column.date')}>
                    {shortDate(format.language, claim.date)}
                  </td>
                  <td data-label={t('org.hours.column.volunteer')}>{claim.volunteerName}</td>
                  <td data-label={t('org.hours.column.activity')}>{claim.activity}</td>
                  <td data-label={t('org.hours.column.hours')}>{format.hours(claim.hours)}</td>
                  <td data-label={t('org.hours.column.status')}>
                    {t(`org.hours.status.${claim.status}`)}
                    {claim.status === 'approved' && (
                      <button
                        type="button"
                        className="button-secondary button-small revoke-button"
                        aria-expanded={revoking?.id === claim.id}
                        aria-label={t('org.hours.revokeLabel', {
                          claim: t('org.hours.claimLabel', {
                            name: claim.volunteerName,
                            date: format.date(claim.date),
                          }),
                        })}
                        onClick={() => {
                          setRevoked(null);
                          setRevoking(revoking?.id === claim.id ? null : claim);
                        }}
                      >
                        {t('org.hours.revoke')}
                      </button>
                    )}
                  </td>
                  <td data-label={t('org.hours.column.amountOrReason')}>
                    {claim.status === 'approved' && claim.amount
                      ? format.steerkes(claim.amount)
                      : (claim.reason ?? '')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {decided.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => decided.fetchNextPage()}
          disabled={decided.isFetchingNextPage}
        >
          {t('org.hours.more')}
        </button>
      )}
    </section>
  );
}

/** The sentence for a refusal of a revocation, or null for the API's own detail. */
const REVOKE_REFUSALS: Record<string, MessageKey> = {
  INSUFFICIENT_FUNDS: 'org.hours.revokeSpent',
  TIME_CLAIM_NOT_APPROVED: 'org.hours.revokeNotApproved',
  ACCOUNT_NOT_OPEN: 'org.hours.revokeNotOpen',
  BALANCE_LIMIT_EXCEEDED: 'org.hours.revokeLimit',
};

/**
 * Revoking an approved claim with a reason (POST /time-claims/{id}/revoke): its HOURS entry is
 * reversed, the Steerkes go back to the organisation. The API revokes a claim at most once, so a
 * retry after a lost answer is safe without a key.
 */
function RevokePanel(props: {
  claim: TimeClaim;
  onClose: () => void;
  onRevoked: (text: string) => void;
}) {
  const { claim } = props;
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnShow(heading);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const revoke = useMutation({
    mutationFn: async (sent: string) =>
      unwrap(
        await api.POST('/api/v1/time-claims/{id}/revoke', {
          params: { path: { id: claim.id } },
          body: { reason: sent },
        }),
      ),
    onSuccess: async (after) => {
      props.onRevoked(
        t('org.hours.revoked', {
          name: after.volunteerName,
          hours: format.hours(after.hours),
          amount: format.steerkes(after.amount ?? claim.amount ?? '0.00'),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
    onError: async (error) => {
      if (error instanceof ApiProblemError && error.problem.code === 'TIME_CLAIM_NOT_APPROVED')
        await queryClient.invalidateQueries({ queryKey: organisationKeys.claims });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    setMissing(text === '');
    if (text !== '') revoke.mutate(text);
  };
  const problem = revoke.error instanceof ApiProblemError ? revoke.error.problem : null;
  const sentence = problem ? REVOKE_REFUSALS[problem.code] : undefined;
  const reasonError = missing ? t('org.hours.reasonRequired') : fieldErrors(revoke.error).reason;
  const what = t('org.hours.claimLabel', {
    name: claim.volunteerName,
    date: format.date(claim.date),
  });
  return (
    <section className="card revoke-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('org.hours.revokeTitle', { claim: what })}
      </h3>
      <p>
        {t('org.hours.revokeExplained', {
          amount: format.steerkes(claim.amount ?? '0.00'),
          name: claim.volunteerName,
          hours: format.hours(claim.hours),
        })}
      </p>
      {revoke.isError && (
        <div role="alert" className="alert">
          {problem === null ? (
            <p>{t('org.error.network')}</p>
          ) : (
            <>
              <p>{t('org.hours.revokeRefused')}</p>
              {!fieldErrors(revoke.error).reason && (
                <p>{sentence ? t(sentence) : problem.detail}</p>
              )}
            </>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate className="reject-form">
        <Field id={`${id}-reason`} label={t('org.hours.reason')} error={reasonError}>
          {(describedBy, invalid) => (
            <input
              id={`${id}-reason`}
              type="text"
              value={reason}
              maxLength={500}
              autoComplete="off"
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={revoke.isPending}>
            {t('org.hours.revokeConfirm')}
          </button>
          <button type="button" className="button-secondary" onClick={props.onClose}>
            {t('org.hours.revokeCancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
