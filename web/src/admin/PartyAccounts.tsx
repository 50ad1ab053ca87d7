import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import { useFocusOnShow } from '../components/useFocusOnShow';
import { formatters } from '../i18n/format';
import { useI18n, useT } from '../i18n/i18n';
import { adminKeys, normaliseAmount } from './admin-data';
import { Refusal, textOf } from './form-parts';
import { PartyHourRate } from './PartyHourRate';

type Party = components['schemas']['PartyDto'];
type Account = components['schemas']['AccountDto'];
type Status = Account['status'];
/** As the ledger knows them (src/ledger/ledger.types.ts). */
const ACCOUNT_STATUSES: readonly Status[] = ['open', 'frozen', 'closed'];

/**
 * A party's accounts with their figures, and the admin's part of each account's policy: the
 * highest balance it may hold and whether it is open (PUT /accounts/{id}/policy). The credit limit
 * is shown but not changed here: that takes a second person, on the credit-limits page. An
 * organisation's hour rate is set here too.
 */
export function PartyAccounts(props: { party: Party; onClose: () => void }) {
  const t = useT();
  // Here, not in the form: a saved policy remounts the form with the account's new figures.
  const [saved, setSaved] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnShow(heading);
  const accounts = useQuery({
    queryKey: adminKeys.partyAccounts(props.party.id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/parties/{id}/accounts', {
          params: { path: { id: props.party.id } },
        }),
      ),
  });
  return (
    <section
      className="card admin-edit"
      aria-labelledby="party-accounts-title"
      data-testid="party-accounts"
    >
      <h2 id="party-accounts-title" ref={heading} tabIndex={-1}>
        {t('admin.accounts.title', { name: props.party.name })}
      </h2>
      <p className="hint">{t('admin.accounts.intro')}</p>
      {accounts.isPending && <p>{t('admin.loading')}</p>}
      {accounts.isError && <p role="alert">{t('admin.loadFailed')}</p>}
      {saved && (
        <p role="status" className="notice">
          {saved}
        </p>
      )}
      {accounts.data?.map((account) => (
        <AccountPolicyForm
          // A new policy remounts the form, so that its fields start from what is now in force.
          key={`${account.id}-${account.status}-${account.maxBalance}`}
          account={account}
          onSaving={() => setSaved(null)}
          onSaved={() => setSaved(t('admin.accounts.saved', { name: props.party.name }))}
          partyId={props.party.id}
        />
      ))}
      {props.party.kind === 'organisation' && (
        <PartyHourRate organisationId={props.party.id} name={props.party.name} />
      )}
      <div className="admin-buttons">
        <button type="button" className="button-secondary" onClick={props.onClose}>
          {t('admin.accounts.close')}
        </button>
      </div>
    </section>
  );
}

function AccountPolicyForm(props: {
  partyId: string;
  account: Account;
  onSaving: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { language } = useI18n();
  const format = formatters(language);
  const id = useId();
  const queryClient = useQueryClient();
  const { account } = props;
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (policy: { maxBalance: string | null; status: Status }) =>
      unwrap(
        await api.PUT('/api/v1/accounts/{id}/policy', {
          params: { path: { id: account.id } },
          body: policy,
        }),
      ),
    onSuccess: async () => {
      props.onSaved();
      await queryClient.invalidateQueries({ queryKey: adminKeys.partyAccounts(props.partyId) });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const maximumText = textOf(form, 'maxBalance');
    // Empty: no maximum. Otherwise an amount, as everywhere on these pages.
    const maxBalance = maximumText === '' ? null : normaliseAmount(maximumText);
    props.onSaving();
    if (maxBalance === null && maximumText !== '') {
      setInvalid(t('admin.accounts.maxInvalid'));
      return;
    }
    setInvalid(null);
    save.mutate({ maxBalance, status: textOf(form, 'status') as Status });
  }

  const limit =
    account.minBalance === null || Number(account.minBalance) >= 0
      ? t('admin.credit.noLimit')
      : format.steerkes(account.minBalance);
  // A maximum below what the account holds: said at the field, with the lowest maximum allowed.
  const belowBalance =
    save.error instanceof ApiProblemError &&
    save.error.problem.code === 'POLICY_CONFLICTS_WITH_BALANCE';
  const maxError =
    invalid ??
    (belowBalance
      ? t('admin.accounts.maxBelowBalance', { balance: format.steerkes(account.balance) })
      : fieldErrors(save.error).maxBalance);
  return (
    <div className="admin-account" data-testid="account-policy">
      <dl className="admin-user__facts">
        <div>
          <dt>{t('admin.accounts.balance')}</dt>
          <dd>{format.steerkes(account.balance)}</dd>
        </div>
        <div>
          <dt>{t('admin.accounts.available')}</dt>
          <dd>{format.steerkes(account.available)}</dd>
        </div>
        <div>
          <dt>{t('admin.accounts.creditLimit')}</dt>
          <dd>{limit}</dd>
        </div>
        <div>
          <dt>{t('admin.accounts.status')}</dt>
          <dd>{t(`admin.accounts.status.${account.status}`)}</dd>
        </div>
      </dl>
      {!belowBalance && <Refusal error={save.error} />}
      <form onSubmit={submit} noValidate>
        <Field
          id={`${id}-max`}
          label={t('admin.accounts.max')}
          hint={t('admin.accounts.maxHint')}
          error={maxError}
        >
          {(describedBy, isInvalid) => (
            <input
              id={`${id}-max`}
              name="maxBalance"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={account.maxBalance ?? ''}
              aria-invalid={isInvalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id={`${id}-status`}
          label={t('admin.accounts.status')}
          hint={t('admin.accounts.statusHint')}
        >
          {(describedBy) => (
            <select
              id={`${id}-status`}
              name="status"
              defaultValue={account.status}
              aria-describedby={describedBy}
            >
              {ACCOUNT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`admin.accounts.status.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? t('admin.busy') : t('admin.save')}
        </button>
      </form>
    </div>
  );
}
