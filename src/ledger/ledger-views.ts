import { formatAmount } from '../common/amount.js';
import type { AccountRow, EntryRow, HoldRow, LedgerStore, PostingRow } from './ledger.store.js';
import type { AccountView, EntryView, HoldView, Metadata } from './ledger.types.js';

/** The ledger's rows as the rest of the application sees them: amounts as decimal strings. */

export function accountView(account: AccountRow, pendingMinor: bigint): AccountView {
  return {
    id: account.id,
    partyId: account.partyId,
    systemName: account.systemName,
    currency: account.currency,
    balance: formatAmount(account.balanceMinor),
    pending: formatAmount(pendingMinor),
    available: formatAmount(account.balanceMinor - pendingMinor),
    minBalance: account.minBalanceMinor === null ? null : formatAmount(account.minBalanceMinor),
    maxBalance: account.maxBalanceMinor === null ? null : formatAmount(account.maxBalanceMinor),
    status: account.status,
    createdAt: account.createdAt,
  };
}

export function entryView(entry: EntryRow, postings: PostingRow[], metadata?: Metadata): EntryView {
  return {
    id: entry.id,
    sequence: Number(entry.sequence),
    code: entry.code,
    description: entry.description,
    metadata: metadata ?? (JSON.parse(entry.metadata) as Metadata),
    effectiveDate: entry.effectiveDate,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
    reversesEntryId: entry.reversesEntryId,
    hash: entry.hash,
    previousHash: entry.previousHash,
    origin: entry.origin,
    postings: postings.map((posting) => ({
      accountId: posting.accountId,
      amount: formatAmount(posting.amountMinor),
      balanceAfter: formatAmount(posting.balanceAfterMinor),
    })),
  };
}

/** A pending hold past its expiry shows as expired even before the sweep marks it. */
export function holdView(hold: HoldRow, nowIso: string): HoldView {
  const expired = hold.status === 'pending' && hold.expiresAt !== null && hold.expiresAt <= nowIso;
  return {
    id: hold.id,
    fromAccountId: hold.accountId,
    toAccountId: hold.counterpartyAccountId,
    amount: formatAmount(hold.amountMinor),
    postedAmount: hold.postedMinor === null ? null : formatAmount(hold.postedMinor),
    status: expired ? 'expired' : hold.status,
    code: hold.code,
    description: hold.description,
    metadata: JSON.parse(hold.metadata) as Metadata,
    expiresAt: hold.expiresAt,
    createdAt: hold.createdAt,
    createdBy: hold.createdBy,
    resolvedAt: hold.resolvedAt,
    postedEntryId: hold.postedEntryId,
    origin: hold.origin,
  };
}

/** An account as it stands at `nowIso`: a hold that expired but was not yet swept no longer reserves anything. */
export async function readAccountView(
  store: LedgerStore,
  account: AccountRow,
  nowIso: string,
): Promise<AccountView> {
  const pendingMinor =
    account.nextHoldExpiry !== null && account.nextHoldExpiry <= nowIso
      ? await store.livePendingTotal(account.id, nowIso)
      : account.pendingMinor;
  return accountView(account, pendingMinor);
}
