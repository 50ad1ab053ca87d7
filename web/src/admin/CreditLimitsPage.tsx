import '../volunteer/lists-and-figures.css';
import './admin.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { formatters } from '../i18n/format';
import { useI18n, useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import { adminKeys, creditLimitFromInput, mayApprove } from './admin-data';
import { Field } from '../components/Field';
import { Refusal, textOf } from './form-parts';

type Proposal = components['schemas']['CreditLimitProposalDto'];
type Party = components['schemas']['PartyDto'];
/** As the API takes it (src/treasury/dto/credit-limit.dto.ts). */
const REASON_LENGTH_MAX = 500;
/** Organisations a page of the API answers at most. */
const ORGANISATIONS_PER_REQUEST = 100;

/** The other role of the four eyes. */
const otherRoleOf = (role: string): 'admin' | 'treasurer' =>
  role === 'admin' ? 'treasurer' : 'admin';

function useOrganisations() {
  return useQuery({
    queryKey: [...adminKeys.parties, 'organisations'],
    queryFn: async () => {
      const organisations: Party[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/parties', {
            params: {
              query: {
                kind: 'organisation',
                limit: ORGANISATIONS_PER_REQUEST,
                ...(cursor ? { cursor } : {}),
              },
            },
          }),
        );
        organisations.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return organisations;
    },
  });
}

/**
 * `/admin/credit-limits` (and `/treasurer/credit-limits`): propose an organisation's credit limit
 * and decide on the proposals of the other role. Who proposed never approves: the page says so
 * instead of offering a button the API would refuse.
 */
export function CreditLimitsPage() {
  const t = useT();
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.user : null;
  const [done, setDone] = useState<string | null>(null);
  const [organisationId, setOrganisationId] = useState('');
  const organisations = useOrganisations();
  const proposals = useQuery({
    queryKey: adminKeys.creditProposals,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/credit-limits')),
  });
  const nameOf = (partyId: string) =>
    organisations.data?.find((party) => party.id === partyId)?.name ?? partyId;
  if (!me) return null;
  return (
    <section className="admin-page" aria-labelledby="credit-title">
      <h1 id="credit-title">{t('admin.credit.title')}</h1>
      <p className="hint">{t('admin.credit.intro')}</p>
      {done && (
        <p role="status" className="notice" data-testid="credit-done">
          {done}
        </p>
      )}
      {(organisations.isError || proposals.isError) && <p role="alert">{t('admin.loadFailed')}</p>}
      <div className="admin-grid">
        <ProposeForm
          organisations={organisations.data ?? []}
          organisationId={organisationId}
          onOrganisation={setOrganisationId}
          otherRole={otherRoleOf(me.role)}
          onDone={setDone}
        />
        <section className="card" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('admin.credit.pendingTitle')}</h2>
          {proposals.isPending && <p>{t('admin.loading')}</p>}
          {proposals.data && proposals.data.length === 0 && <p>{t('admin.credit.pendingEmpty')}</p>}
          {proposals.data && proposals.data.length > 0 && (
            <ul className="admin-proposals" aria-label={t('admin.credit.pendingCaption')}>
              {proposals.data.map((proposal) => (
                <ProposalItem
                  key={proposal.id}
                  proposal={proposal}
                  name={nameOf(proposal.partyId)}
                  me={me}
                  onDone={(message) => {
                    setDone(message);
                    if (proposal.partyId === organisationId) setOrganisationId(organisationId);
                  }}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}

function ProposeForm(props: {
  organisations: Party[];
  organisationId: string;
  onOrganisation: (id: string) => void;
  otherRole: 'admin' | 'treasurer';
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const id = useId();
  const queryClient = useQueryClient();
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const organisation = props.organisations.find((party) => party.id === props.organisationId);
  const accounts = useQuery({
    queryKey: adminKeys.partyAccounts(props.organisationId),
    enabled: props.organisationId !== '',
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/parties/{id}/accounts', {
          params: { path: { id: props.organisationId } },
        }),
      ),
  });
  const account = accounts.data?.find((candidate) => candidate.currency === 'STK');
  const limitText = (minBalance: string | null) =>
    minBalance === null || Number(minBalance) >= 0
      ? t('admin.credit.noLimit')
      : format.steerkes(minBalance);
  const propose = useMutation({
    mutationFn: async (body: { accountId: string; minBalance: string; reason: string }) =>
      unwrap(await api.POST('/api/v1/treasury/credit-limits', { body })),
    onSuccess: async (proposal) => {
      props.onDone(
        t('admin.credit.proposed', {
          name: organisation?.name ?? proposal.partyId,
          limit: limitText(proposal.minBalance),
          other: t(`role.${props.otherRole}`),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: adminKeys.creditProposals });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const minBalance = creditLimitFromInput(textOf(form, 'minBalance'));
    const reason = textOf(form, 'reason');
    const problems: Record<string, string> = {};
    if (!account) problems.organisation = t('admin.credit.chooseOrganisation');
    if (minBalance === null) problems.minBalance = t('admin.credit.minBalanceInvalid');
    if (reason === '') problems.reason = t('admin.required');
    setInvalid(problems);
    if (!account || minBalance === null || Object.keys(problems).length > 0) return;
    propose.mutate(
      { accountId: account.id, minBalance, reason },
      { onSuccess: () => element.reset() },
    );
  }

  const apiFields = fieldErrors(propose.error);
  const error = (name: string, apiName = name) => invalid[name] ?? apiFields[apiName];
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="credit-propose">
      <h2 id={`${id}-title`}>{t('admin.credit.proposeTitle')}</h2>
      <Refusal error={propose.error} />
      <form onSubmit={submit} noValidate>
        <Field
          id={`${id}-organisation`}
          label={t('admin.credit.organisation')}
          error={error('organisation', 'accountId')}
        >
          {(describedBy, isInvalid) => (
            <select
              id={`${id}-organisation`}
              value={props.organisationId}
              onChange={(event) => props.onOrganisation(event.target.value)}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            >
              <option value="" disabled>
                {t('admin.credit.chooseOrganisation')}
              </option>
              {props.organisations.map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {organisation && account && (
          <p className="admin-current" data-testid="credit-current">
            {t('admin.credit.current', {
              name: organisation.name,
              limit: limitText(account.minBalance),
              balance: format.steerkes(account.balance),
            })}
          </p>
        )}
        <Field
          id={`${id}-minBalance`}
          label={t('admin.credit.minBalance')}
          hint={t('admin.credit.minBalanceHint')}
          error={error('minBalance')}
        >
          {(describedBy, isInvalid) => (
            <input
              id={`${id}-minBalance`}
              name="minBalance"
              inputMode="decimal"
              autoComplete="off"
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id={`${id}-reason`}
          label={t('admin.credit.reason')}
          hint={t('admin.credit.reasonHint')}
          error={error('reason')}
        >
          {(describedBy, isInvalid) => (
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={2}
              maxLength={REASON_LENGTH_MAX}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit" className="button-primary" disabled={propose.isPending}>
          {propose.isPending ? t('admin.busy') : t('admin.credit.propose')}
        </button>
      </form>
    </section>
  );
}

function ProposalItem(props: {
  proposal: Proposal;
  name: string;
  me: { id: string; role: string };
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const id = useId();
  const queryClient = useQueryClient();
  const { proposal, name } = props;
  const [rejecting, setRejecting] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  const limitText = (minBalance: string | null) =>
    minBalance === null || Number(minBalance) >= 0
      ? t('admin.credit.noLimit')
      : format.steerkes(minBalance);
  const decide = useMutation({
    mutationFn: async (decision: { approve: true } | { approve: false; reason: string }) => {
      const path = { params: { path: { id: proposal.id } } };
      return decision.approve
        ? unwrap(await api.POST('/api/v1/treasury/credit-limits/{id}/approve', path))
        : unwrap(
            await api.POST('/api/v1/treasury/credit-limits/{id}/reject', {
              ...path,
              body: { reason: decision.reason },
            }),
          );
    },
    onSuccess: async (decided) => {
      props.onDone(
        decided.status === 'approved'
          ? t('admin.credit.approved', { name, limit: limitText(decided.minBalance) })
          : t('admin.credit.rejected', { name }),
      );
      await queryClient.invalidateQueries({ queryKey: adminKeys.creditProposals });
      await queryClient.invalidateQueries({ queryKey: adminKeys.partyAccounts(proposal.partyId) });
    },
  });
  const own = proposal.proposedBy === props.me.id;
  const approvable = mayApprove(proposal, props.me);
  const time = format.dateTime(proposal.proposedAt);

  function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = textOf(new FormData(event.currentTarget), 'reason');
    setReasonMissing(reason === '');
    if (reason !== '') decide.mutate({ approve: false, reason });
  }

  return (
    <li className="admin-proposal" data-testid="credit-proposal">
      <h3>{name}</h3>
      <dl className="admin-user__facts">
        <div>
          <dt>{t('admin.credit.from')}</dt>
          <dd>{limitText(proposal.previousMinBalance)}</dd>
        </div>
        <div>
          <dt>{t('admin.credit.to')}</dt>
          <dd>{limitText(proposal.minBalance)}</dd>
        </div>
        <div>
          <dt>{t('admin.credit.reason')}</dt>
          <dd>{proposal.reason}</dd>
        </div>
        <div>
          <dt>{t('admin.credit.proposedBy')}</dt>
          <dd>
            {own
              ? t('admin.credit.byYou', { time })
              : t('admin.credit.byRole', { role: t(`role.${proposal.proposedRole}`), time })}
          </dd>
        </div>
      </dl>
      {!approvable && (
        <p className="admin-own" data-testid="credit-own">
          {own
            ? t('admin.credit.ownProposal', {
                other: t(`role.${otherRoleOf(proposal.proposedRole)}`),
              })
            : t('admin.credit.sameRole', {
                role: t(`role.${proposal.proposedRole}`),
                other: t(`role.${otherRoleOf(proposal.proposedRole)}`),
              })}
        </p>
      )}
      <Refusal error={decide.error} />
      {rejecting ? (
        <form onSubmit={reject} noValidate>
          <Field
            id={`${id}-reason`}
            label={t('admin.credit.rejectReason')}
            error={reasonMissing ? t('admin.required') : fieldErrors(decide.error).reason}
          >
            {(describedBy, isInvalid) => (
              <textarea
                id={`${id}-reason`}
                name="reason"
                rows={2}
                maxLength={REASON_LENGTH_MAX}
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <div className="admin-buttons">
            <button type="submit" className="button-primary" disabled={decide.isPending}>
              {t('admin.credit.rejectConfirm')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setRejecting(false)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="admin-buttons">
          {approvable && (
            <button
              type="button"
              className="button-primary"
              disabled={decide.isPending}
              aria-label={t('admin.credit.approveLabel', { name })}
              onClick={() => decide.mutate({ approve: true })}
            >
              {t('admin.credit.approve')}
            </button>
          )}
          <button
            type="button"
            className="button-secondary"
            aria-label={t('admin.credit.rejectLabel', { name })}
            onClick={() => setRejecting(true)}
          >
            {t('admin.credit.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
